using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Http.Authorization;
using RiskEngine.Ssf.Http;

namespace RiskEngine.Ssf.Authorization;

/// <summary>
/// Bearer tokens and their scopes (RFC 6750) for the SSF API, from the configured token store. A token in the query
/// string is refused outright, whatever the header says: it would end up in access logs and proxies.
/// </summary>
public sealed partial class SsfAuthorization
{
    private const string Realm = "riskengine-ssf";

    private readonly BearerTokenStore _tokens;

    public SsfAuthorization(IOptions<SsfOptions> options, ILogger<SsfAuthorization> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = new BearerTokenStore(options.Value.TokenFile, SsfOptions.TokenEnvironmentVariable);
        if (!_tokens.AnyConfigured)
        {
            LogNoToken(logger, SsfOptions.TokenEnvironmentVariable);
        }
    }

    /// <summary>Null when the request carries a token granting <paramref name="scope"/>; otherwise the answer to give.</summary>
    public IResult? Authorize(HttpContext context, string scope)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RefuseQueryToken(context) is { } refused)
        {
            return refused;
        }

        var presented = BearerTokenStore.FromAuthorizationHeader(context.Request);
        if (_tokens.Authenticate(presented) is not { } scopes)
        {
            context.Response.Headers.WWWAuthenticate = presented is null
                ? $"Bearer realm=\"{Realm}\""
                : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"the token is not known\"";
            return SsfResults.Error(StatusCodes.Status401Unauthorized, "authentication_failed", "a valid bearer token is required in the Authorization header");
        }

        if (!scopes.Contains(scope) && !(scope == SsfScopes.Read && scopes.Contains(SsfScopes.Manage)))
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{scope}\"";
            return SsfResults.Error(StatusCodes.Status403Forbidden, "access_denied", $"the token does not grant the scope {scope}");
        }

        return null;
    }

    /// <summary>
    /// For a poll: null when the request carries exactly the <c>Authorization</c> value the stream was created with,
    /// or else a token granting <see cref="SsfScopes.Read"/>; otherwise the answer to give.
    /// </summary>
    public IResult? AuthorizePoll(HttpContext context, string? streamAuthorization)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RefuseQueryToken(context) is { } refused)
        {
            return refused;
        }

        var presented = context.Request.Headers.Authorization.ToString();
        if (streamAuthorization is { Length: > 0 } && presented.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(streamAuthorization))))
        {
            return null;
        }

        return Authorize(context, SsfScopes.Read);
    }

    private static IResult? RefuseQueryToken(HttpContext context) =>
        context.Request.Query.ContainsKey("access_token")
            ? SsfResults.Error(StatusCodes.Status400BadRequest, SsfRequestException.InvalidRequest,
                "access tokens are not accepted in the query string; send them in the Authorization header")
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SSF transmitter has no bearer token configured (Ssf:TokenFile or {Variable}); every management request is refused")]
    private static partial void LogNoToken(ILogger logger, string variable);
}
