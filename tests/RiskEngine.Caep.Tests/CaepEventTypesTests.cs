namespace RiskEngine.Caep.Tests;

public class CaepEventTypesTests
{
    [Theory]
    [InlineData(CaepEventTypes.SessionRevoked, "https://schemas.openid.net/secevent/caep/event-type/session-revoked")]
    [InlineData(CaepEventTypes.RiskLevelChange, "https://schemas.openid.net/secevent/caep/event-type/risk-level-change")]
    [InlineData(CaepEventTypes.AssuranceLevelChange, "https://schemas.openid.net/secevent/caep/event-type/assurance-level-change")]
    [InlineData(CaepEventTypes.TokenClaimsChange, "https://schemas.openid.net/secevent/caep/event-type/token-claims-change")]
    [InlineData(CaepEventTypes.CredentialChange, "https://schemas.openid.net/secevent/caep/event-type/credential-change")]
    [InlineData(CaepEventTypes.DeviceComplianceChange, "https://schemas.openid.net/secevent/caep/event-type/device-compliance-change")]
    [InlineData(CaepEventTypes.SessionEstablished, "https://schemas.openid.net/secevent/caep/event-type/session-established")]
    [InlineData(CaepEventTypes.SessionPresented, "https://schemas.openid.net/secevent/caep/event-type/session-presented")]
    [InlineData(CaepEventTypes.Verification, "https://schemas.openid.net/secevent/ssf/event-type/verification")]
    [InlineData(CaepEventTypes.StreamUpdated, "https://schemas.openid.net/secevent/ssf/event-type/stream-updated")]
    public void Event_type_uris_match_the_specifications(string actual, string expected)
    {
        Assert.Equal(expected, actual);
    }
}
