namespace RiskEngine.Caep;

/// <summary>Event type URIs of CAEP 1.0 and SSF 1.0, used as the member name inside a SET's <c>events</c> claim.</summary>
public static class CaepEventTypes
{
    public const string CaepPrefix = "https://schemas.openid.net/secevent/caep/event-type/";
    public const string SsfPrefix = "https://schemas.openid.net/secevent/ssf/event-type/";

    public const string SessionRevoked = CaepPrefix + "session-revoked";
    public const string RiskLevelChange = CaepPrefix + "risk-level-change";
    public const string AssuranceLevelChange = CaepPrefix + "assurance-level-change";
    public const string TokenClaimsChange = CaepPrefix + "token-claims-change";
    public const string CredentialChange = CaepPrefix + "credential-change";
    public const string DeviceComplianceChange = CaepPrefix + "device-compliance-change";
    public const string SessionEstablished = CaepPrefix + "session-established";
    public const string SessionPresented = CaepPrefix + "session-presented";

    public const string Verification = SsfPrefix + "verification";
    public const string StreamUpdated = SsfPrefix + "stream-updated";
}
