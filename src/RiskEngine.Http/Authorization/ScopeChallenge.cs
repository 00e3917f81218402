using Microsoft.AspNetCore.Http;

namespace RiskEngine.Http.Authorization;

/// <summary>
/// Checks a request's bearer token for a scope (RFC 6750 §3): null when it grants the scope or one that implies it;
/// otherwise the status to refuse with (401 without a known token, 403 with one lacking the scope) and why, with the
/// <c>WWW-Authenticate</c> challenge already set on the response.
/// </summary>
public static class ScopeChallenge
{
    /// <param name="impliedBy">A scope that grants <paramref name="scope"/> too (write implies read), or null.</param>
    public static (int Status, string Reason)? Refuse(HttpContext context, BearerTokenStore tokens, string realm, string scope, string? impliedBy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Authenticate(BearerTokenStore.FromAuthorizationHeader(context.Request)) is not { } scopes)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm}\"";
            var granting = impliedBy is null ? scope : $"{scope} or {impliedBy}";
            return (StatusCodes.Status401Unauthorized, $"a bearer token granting {granting} is required");
        }

        if (!scopes.Contains(scope) && !(impliedBy is not null && scopes.Contains(impliedBy)))
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm}\", error=\"insufficient_scope\", scope=\"{scope}\"";
            return (StatusCodes.Status403Forbidden, $"the token does not grant {scope}");
        }

        return null;
    }
}
