namespace RiskEngine.Pep;

/// <summary>
/// The claim types the middleware reads from an authenticated principal, each list tried in order. An empty list
/// (the default) means the defaults below; a configured list replaces them rather than joining them.
/// </summary>
public sealed class PrincipalClaimOptions
{
    /// <summary><c>oid</c> (Entra's object id, which the engine uses as its opaque user id), <c>sub</c>, and the .NET name identifier.</summary>
    public static readonly IReadOnlyList<string> DefaultUserIdClaimTypes =
        ["oid", "sub", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"];

    public static readonly IReadOnlyList<string> DefaultEmailClaimTypes =
        ["email", "upn", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"];

    public static readonly IReadOnlyList<string> DefaultSessionIdClaimTypes = ["sid"];

    /// <summary><c>auth_time</c> (when the user signed in) before <c>iat</c> (when this token was issued, which a refresh moves on).</summary>
    public static readonly IReadOnlyList<string> DefaultAuthenticationTimeClaimTypes = ["auth_time", "iat"];

    /// <summary>Claims holding the user's opaque id, matched against <c>opaque</c> subjects and (with the token's issuer) <c>iss_sub</c> ones.</summary>
    public IList<string> UserIdClaimTypes { get; set; } = [];

    /// <summary>Claims holding the user's email or UPN, matched case-insensitively against <c>email</c> subjects.</summary>
    public IList<string> EmailClaimTypes { get; set; } = [];

    /// <summary>Claims holding the session id, matched against the <c>session</c> member of complex subjects.</summary>
    public IList<string> SessionIdClaimTypes { get; set; } = [];

    /// <summary>
    /// Claims holding when the session was authenticated, in seconds since the epoch: a revocation of every session
    /// of a user refuses only sessions authenticated at or before its <c>event_timestamp</c>, so signing in again works.
    /// </summary>
    public IList<string> AuthenticationTimeClaimTypes { get; set; } = [];

    internal static IReadOnlyList<string> Effective(IList<string> configured, IReadOnlyList<string> defaults) =>
        configured.Count == 0 ? defaults : [.. configured];
}
