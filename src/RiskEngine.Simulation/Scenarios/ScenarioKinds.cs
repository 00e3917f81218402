namespace RiskEngine.Simulation.Scenarios;

/// <summary>
/// The stable names of what produced a simulated event, as labels carry them: <see cref="Benign"/> for ordinary
/// traffic, an attack kind, or a benign look-alike (<c>benign-*</c>): harmless behaviour that resembles an attack
/// and must not be scored as one.
/// </summary>
public static class ScenarioKinds
{
    public const string Benign = "benign";

    /// <summary>A stolen credential used far from where the victim just signed in, sooner than anyone could travel.</summary>
    public const string ImpossibleTravel = "impossible-travel";

    /// <summary>The attacker's fresh machine: a new country, network (ASN), device and user agent at once, at a plausible distance.</summary>
    public const string NewDeviceNewNetwork = "new-device-new-network";

    /// <summary>Sign-ins from Tor exits and anonymous proxies, addresses of the sample anonymizer list.</summary>
    public const string AnonymizingNetwork = "anonymizing-network";

    /// <summary>Failed-sign-in velocity: one account guessed at from one address until it locks.</summary>
    public const string BruteForce = "brute-force";

    /// <summary>One address trying one or two passwords on many accounts; one works.</summary>
    public const string PasswordSpray = "password-spray";

    /// <summary>A run of MFA pushes the victim denies, until one is approved.</summary>
    public const string MfaFatigue = "mfa-fatigue";

    /// <summary>A sign-in from a device that is neither managed nor compliant, by an identity that always uses managed ones.</summary>
    public const string NonCompliantDevice = "non-compliant-device";

    /// <summary>Password-only sign-ins over a legacy protocol (IMAP, Exchange ActiveSync) by an identity that always does MFA.</summary>
    public const string LegacyAuthentication = "legacy-authentication";

    /// <summary>The victim's session id and token replayed from another address, network and device.</summary>
    public const string SessionReplay = "session-replay";

    /// <summary>A workload calling a destination it never called.</summary>
    public const string LateralMovement = "lateral-movement";

    /// <summary>A workload's requests on one edge at tens of times their usual rate.</summary>
    public const string RequestRateSpike = "request-rate-spike";

    /// <summary>A workload probing paths it has no business with: a burst of 403s and 404s.</summary>
    public const string Scanning = "scanning";

    /// <summary>A workload pulling responses orders of magnitude larger than usual.</summary>
    public const string Exfiltration = "exfiltration";

    /// <summary>More than ten policy denials of one subject within five minutes.</summary>
    public const string DenyBurst = "deny-burst";

    /// <summary>A subject's first access to a classification above any in its history.</summary>
    public const string HigherClassification = "higher-classification";

    /// <summary>A takeover, then the attacker's session still used at a PEP that did not enforce the revocation.</summary>
    public const string PostRevocationActivity = "post-revocation-activity";

    /// <summary>A flight: sign-ins resume in a far city, at the speed of an aircraft.</summary>
    public const string BenignTravel = "benign-travel";

    /// <summary>A new phone, otherwise normal: home address, usual apps.</summary>
    public const string BenignNewPhone = "benign-new-phone";

    /// <summary>Sessions through the corporate VPN, whose egress is far from home, day after day.</summary>
    public const string BenignVpn = "benign-vpn";

    /// <summary>A night-shift worker, signing in at night every day.</summary>
    public const string BenignNightShift = "benign-night-shift";

    /// <summary>A deployment: every instance of a workload starts calling a new destination at once.</summary>
    public const string BenignDeployment = "benign-deployment";

    /// <summary>A password mistyped twice, then right.</summary>
    public const string BenignTypo = "benign-typo";

    public static IReadOnlyList<string> Attacks { get; } =
    [
        ImpossibleTravel, NewDeviceNewNetwork, AnonymizingNetwork, BruteForce, PasswordSpray, MfaFatigue, NonCompliantDevice,
        LegacyAuthentication, SessionReplay, LateralMovement, RequestRateSpike, Scanning, Exfiltration, DenyBurst,
        HigherClassification, PostRevocationActivity,
    ];

    public static IReadOnlyList<string> LookAlikes { get; } =
        [BenignTravel, BenignNewPhone, BenignVpn, BenignNightShift, BenignDeployment, BenignTypo];

    /// <summary>The kinds that happen between workloads rather than to a user.</summary>
    public static IReadOnlyList<string> Mesh { get; } = [LateralMovement, RequestRateSpike, Scanning, Exfiltration, BenignDeployment];

    public static bool IsAttack(string kind) => Attacks.Contains(kind);
}
