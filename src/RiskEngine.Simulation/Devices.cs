namespace RiskEngine.Simulation;

/// <summary>Makes the devices of identities and attackers.</summary>
internal static class Devices
{
    private const string EdgeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";

    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private const string SafariOnMac =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";

    private const string SafariOnIPhone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    private const string ChromeOnAndroid =
        "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    public static Device Laptop(Random rng, string firstName) => rng.NextDouble() switch
    {
        < 0.45 => new(rng.NextGuid(), $"CONTOSO-LT{rng.Next(1000, 10000)}", "Windows 11", "Edge 131.0.0", EdgeOnWindows,
            IsCompliant: true, IsManaged: true, "Azure AD joined", IsMobile: false),
        < 0.70 => new(rng.NextGuid(), $"CONTOSO-WS{rng.Next(1000, 10000)}", "Windows 11", "Edge 131.0.0", EdgeOnWindows,
            IsCompliant: true, IsManaged: true, "Hybrid Azure AD joined", IsMobile: false),
        _ => new(rng.NextGuid(), $"{firstName}'s MacBook Pro", "macOS", "Safari 18.1", SafariOnMac,
            IsCompliant: true, IsManaged: true, "Azure AD registered", IsMobile: false),
    };

    /// <summary>A phone; some are personal and unregistered, so they carry no device id.</summary>
    public static Device Phone(Random rng, string firstName) =>
        rng.NextDouble() < 0.3 ? Unregistered(PhoneModel(rng, firstName)) : PhoneModel(rng, firstName);

    /// <summary>A phone enrolled with its own device id, as a replacement phone is.</summary>
    public static Device RegisteredPhone(Random rng, string firstName) => PhoneModel(rng, firstName);

    /// <summary>The scripted client that sprays passwords: unregistered, no browser.</summary>
    public static Device AttackerScript { get; } = new(
        "", "", "Linux", "Python Requests 2.32", "python-requests/2.32.3",
        IsCompliant: false, IsManaged: false, "", IsMobile: false);

    /// <summary>The attacker's own machine, registered to the account after the password works.</summary>
    public static Device AttackerBrowser(Random rng) => new(
        rng.NextGuid(), $"ubuntu-{rng.Next(100, 1000)}", "Linux", "Firefox 132.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
        IsCompliant: false, IsManaged: false, "Azure AD registered", IsMobile: false);

    /// <summary>A personal Windows laptop: registered by its owner, neither managed nor compliant.</summary>
    public static Device PersonalLaptop(Random rng) => new(
        rng.NextGuid(), $"DESKTOP-{rng.NextAlphanumeric(7).ToUpperInvariant()}", "Windows 10", "Chrome 131.0.0", ChromeOnWindows,
        IsCompliant: false, IsManaged: false, "Azure AD registered", IsMobile: false);

    /// <summary>A browser on a machine Entra does not know: nothing but its user agent to go by.</summary>
    public static Device UnknownBrowser { get; } = new(
        "", "", "Windows 10", "Chrome 131.0.0", ChromeOnWindows, IsCompliant: false, IsManaged: false, "", IsMobile: false);

    /// <summary>A headless browser replaying a stolen session cookie or token.</summary>
    public static Device HeadlessBrowser { get; } = new(
        "", "", "Linux", "HeadlessChrome 131.0.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        IsCompliant: false, IsManaged: false, "", IsMobile: false);

    /// <summary>Tor Browser: Firefox ESR on Windows, as every Tor Browser claims to be.</summary>
    public static Device TorBrowser { get; } = new(
        "", "", "Windows 10", "Firefox 128.0", "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0",
        IsCompliant: false, IsManaged: false, "", IsMobile: false);

    /// <summary>A mail client speaking a basic-authentication protocol: no browser, no device registration.</summary>
    public static Device LegacyMailClient(string userAgent) => new(
        "", "", "", "", userAgent, IsCompliant: false, IsManaged: false, "", IsMobile: false);

    private static Device PhoneModel(Random rng, string firstName) => rng.NextDouble() < 0.6
        ? new(rng.NextGuid(), $"{firstName}'s iPhone", "iOS", "Mobile Safari 18.1", SafariOnIPhone,
            IsCompliant: true, IsManaged: true, "Azure AD registered", IsMobile: true)
        : new(rng.NextGuid(), "Pixel 8", "Android", "Chrome Mobile 131.0.0", ChromeOnAndroid,
            IsCompliant: true, IsManaged: true, "Azure AD registered", IsMobile: true);

    private static Device Unregistered(Device device) =>
        device with { DeviceId = "", DisplayName = "", IsCompliant = false, IsManaged = false, TrustType = "" };
}
