namespace RiskEngine.Simulation;

/// <summary>First-party Microsoft applications, with their real well-known application ids.</summary>
internal static class Apps
{
    private const string Browser = "Browser";
    private const string NativeClient = "Mobile Apps and Desktop clients";
    private const string GraphId = "00000003-0000-0000-c000-000000000000";
    private const string ExchangeId = "00000002-0000-0ff1-ce00-000000000000";

    public static App OfficeHome { get; } = new("4765445b-32c6-49b0-83e6-1d93765276ca", "Office 365", GraphId, "Microsoft Graph", Browser);

    public static App OutlookWeb { get; } = new("9199bf20-a13f-4107-85dc-02114787ef48", "One Outlook Web", ExchangeId, "Office 365 Exchange Online", Browser);

    public static App MicrosoftOffice { get; } = new("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office", ExchangeId, "Office 365 Exchange Online", NativeClient);

    public static App Teams { get; } = new("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "Microsoft Teams Services", NativeClient);

    public static App AzurePortal { get; } = new("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal", "797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API", Browser);

    public static App OutlookMobile { get; } = new("27922004-5251-4030-b22d-91ecd9a37ea4", "Outlook Mobile", ExchangeId, "Office 365 Exchange Online", NativeClient);

    /// <summary>Exchange Online over IMAP with a password alone (basic authentication, as legacy clients do).</summary>
    public static App ExchangeImap { get; } = new(ExchangeId, "Office 365 Exchange Online", ExchangeId, "Office 365 Exchange Online", "IMAP4");

    /// <summary>Exchange Online over Exchange ActiveSync with a password alone.</summary>
    public static App ExchangeActiveSync { get; } = new(ExchangeId, "Office 365 Exchange Online", ExchangeId, "Office 365 Exchange Online", "Exchange ActiveSync");

    /// <summary>Weighted by how often people open them: Teams and mail dominate.</summary>
    public static IReadOnlyList<App> Desktop { get; } = [Teams, Teams, Teams, OutlookWeb, OutlookWeb, MicrosoftOffice, MicrosoftOffice, OfficeHome, AzurePortal];

    public static IReadOnlyList<App> Mobile { get; } = [Teams, Teams, OutlookMobile, OutlookMobile, OfficeHome];

    /// <summary>The apps of an Okta org's dashboard, by their app instance ids; Okta's own dashboard opens a session.</summary>
    public static IReadOnlyList<App> Okta { get; } =
    [
        OktaApp("0oa1kx2m5fLQ8sW9p4x7", "Microsoft Office 365"),
        OktaApp("0oa1kx2m5fLQ8sW9p4x7", "Microsoft Office 365"),
        OktaApp("0oa2ht7q9rTN3vB6c4x7", "Slack"),
        OktaApp("0oa2ht7q9rTN3vB6c4x7", "Slack"),
        OktaApp("0oa3pz4d8mKW1yF5e4x7", "Salesforce.com"),
        OktaApp("0oa4bn6s2gHJ7uD3k4x7", "Zoom"),
        OktaApp("0oa5cv9w1tPX4qM8n4x7", "GitHub Enterprise Cloud"),
        OktaApp("0oa6dr3y7jVZ2wL1h4x7", "Workday"),
    ];

    /// <summary>Office 365 reached through Okta: what a legacy mail client authenticates to with a password.</summary>
    public static App OktaOffice365 => Okta[0];

    private static App OktaApp(string id, string name) => new(id, name, id, name, "Browser");
}
