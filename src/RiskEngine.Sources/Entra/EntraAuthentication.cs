namespace RiskEngine.Sources.Entra;

/// <summary>What an Entra sign-in says of how the user authenticated: MFA, and legacy protocols.</summary>
internal static class EntraAuthentication
{
    /// <summary>"Authentication failed during strong authentication request": the MFA prompt was denied, went unanswered or failed.</summary>
    public const int StrongAuthenticationFailed = 500121;

    /// <summary>"External security challenge was not satisfied": a third-party MFA (a custom control, an external method) failed.</summary>
    public const int ExternalChallengeFailed = 50158;

    private const string MultiFactor = "multiFactorAuthentication";
    private const string SingleFactor = "singleFactorAuthentication";

    /// <summary>
    /// True for a success that required MFA (which it therefore passed), false for a single-factor success or a
    /// failed second factor, null otherwise: a failure before MFA (a wrong password; 50074 and 50076, which only
    /// say MFA is now required) says nothing of it.
    /// </summary>
    public static bool? MfaSatisfied(int errorCode, string? authenticationRequirement) => errorCode switch
    {
        0 when string.Equals(authenticationRequirement, MultiFactor, StringComparison.OrdinalIgnoreCase) => true,
        0 when string.Equals(authenticationRequirement, SingleFactor, StringComparison.OrdinalIgnoreCase) => false,
        StrongAuthenticationFailed or ExternalChallengeFailed => false,
        _ => null,
    };

    /// <summary>
    /// Whether clientAppUsed names a legacy protocol. Entra names the two modern clients ("Browser", "Mobile Apps
    /// and Desktop clients"); everything else it writes there is a legacy one (Exchange ActiveSync, IMAP4, POP3,
    /// Authenticated SMTP, MAPI Over HTTP, Exchange Web Services, Offline Address Book, Outlook Anywhere (RPC over
    /// HTTP), Exchange Online PowerShell, AutoDiscover, Reporting Web Services, Other clients...), the way Entra's
    /// own legacy-authentication workbook sorts them. Null when it is absent or "Unknown".
    /// </summary>
    public static bool? IsLegacy(string? clientAppUsed) => clientAppUsed switch
    {
        null or "" or "Unknown" => null,
        "Browser" or "Mobile Apps and Desktop clients" => false,
        _ => true,
    };
}
