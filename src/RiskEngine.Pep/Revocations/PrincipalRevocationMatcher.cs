using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace RiskEngine.Pep.Revocations;

/// <summary>
/// Finds the revocation, if any, that refuses an authenticated principal: its session revoked, or its user revoked
/// at or after it authenticated. Reads the claim types of <see cref="PepOptions.Claims"/>.
/// </summary>
public sealed class PrincipalRevocationMatcher
{
    private readonly RevokedSet _revoked;
    private readonly IReadOnlyList<string> _userIdClaimTypes;
    private readonly IReadOnlyList<string> _emailClaimTypes;
    private readonly IReadOnlyList<string> _sessionIdClaimTypes;
    private readonly IReadOnlyList<string> _authenticationTimeClaimTypes;

    public PrincipalRevocationMatcher(RevokedSet revoked, IOptions<PepOptions> options)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        ArgumentNullException.ThrowIfNull(options);
        PrincipalClaimOptions claims = options.Value.Claims;
        _revoked = revoked;
        _userIdClaimTypes = PrincipalClaimOptions.Effective(claims.UserIdClaimTypes, PrincipalClaimOptions.DefaultUserIdClaimTypes);
        _emailClaimTypes = PrincipalClaimOptions.Effective(claims.EmailClaimTypes, PrincipalClaimOptions.DefaultEmailClaimTypes);
        _sessionIdClaimTypes = PrincipalClaimOptions.Effective(claims.SessionIdClaimTypes, PrincipalClaimOptions.DefaultSessionIdClaimTypes);
        _authenticationTimeClaimTypes = PrincipalClaimOptions.Effective(
            claims.AuthenticationTimeClaimTypes, PrincipalClaimOptions.DefaultAuthenticationTimeClaimTypes);
    }

    /// <summary>The revocation refusing <paramref name="principal"/>, or null when none does.</summary>
    public RevocationEntry? Find(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        foreach (string type in _sessionIdClaimTypes)
        {
            if (principal.FindFirst(type) is { Value.Length: > 0 } session && _revoked.TryGetSession(session.Value, out RevocationEntry entry))
            {
                return entry;
            }
        }

        DateTimeOffset? authenticatedAt = AuthenticationTime(principal);
        foreach (string type in _userIdClaimTypes)
        {
            if (principal.FindFirst(type) is not { Value.Length: > 0 } user)
            {
                continue;
            }

            if (_revoked.TryGetUserById(user.Value, out RevocationEntry entry) && Covers(entry, authenticatedAt))
            {
                return entry;
            }

            // The token's own iss claim when it has one; else the issuer the authentication handler stamped on the claim.
            string issuer = principal.FindFirst("iss")?.Value ?? user.Issuer;
            if (_revoked.TryGetUserByIssuerAndSubject(issuer, user.Value, out entry) && Covers(entry, authenticatedAt))
            {
                return entry;
            }
        }

        foreach (string type in _emailClaimTypes)
        {
            if (principal.FindFirst(type) is { Value.Length: > 0 } email
                && _revoked.TryGetUserByEmail(email.Value, out RevocationEntry entry) && Covers(entry, authenticatedAt))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// A user-wide revocation covers sessions authenticated at or before it: the sign-in that caused it has the same
    /// second as its <c>event_timestamp</c>. A principal that says nothing of when it authenticated is covered.
    /// </summary>
    private static bool Covers(RevocationEntry entry, DateTimeOffset? authenticatedAt) =>
        authenticatedAt is not { } at || at <= entry.RevokedAt;

    private DateTimeOffset? AuthenticationTime(ClaimsPrincipal principal)
    {
        foreach (string type in _authenticationTimeClaimTypes)
        {
            if (principal.FindFirst(type) is { } claim
                && long.TryParse(claim.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds)
                && seconds is >= 0 and <= 253402300799)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return null;
    }
}
