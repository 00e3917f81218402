using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tests.Support;
using RiskEngine.Caep.Tokens;
using static RiskEngine.Caep.Tests.Support.TestTokens;

namespace RiskEngine.Caep.Tests.Tokens;

/// <summary>SSF's own events, which a transmitter sends about a stream rather than about a user.</summary>
public sealed class StreamEventTests : IDisposable
{
    private const string StreamId = "f67e39a0-7c4b-4e0c-9d56-8f6b0d3a1e2c";
    private const string Receiver = "https://receiver.example/ssf";

    private readonly SigningKey _key = TestKeys.Primary();

    public void Dispose() => _key.Dispose();

    private IssuedSecurityEventToken Issue(CaepEvent ssfEvent, params string[] audiences) =>
        CreateIssuer(new TestKeyProvider(_key)).IssueStreamEvent(ssfEvent, StreamId, audiences.Length == 0 ? [Receiver] : audiences);

    [Fact]
    public async Task A_verification_event_is_about_the_stream_and_echoes_the_state()
    {
        IssuedSecurityEventToken issued = Issue(new Verification("VGhpcyBpcyBhbiBleGFtcGxl"));

        Assert.Equal(
            $$$$"""{"iss":"{{{{Issuer}}}}","iat":{{{{Now.ToUnixTimeSeconds()}}}},"jti":"{{{{issued.Jti}}}}","aud":"{{{{Receiver}}}}","sub_id":{"format":"opaque","id":"{{{{StreamId}}}}"},"events":{"https://schemas.openid.net/secevent/ssf/event-type/verification":{"state":"VGhpcyBpcyBhbiBleGFtcGxl"}}}""",
            Payload(issued.Token).GetRawText());
        Assert.True(Guid.TryParse(issued.Jti, out _));
        Assert.Equal(StreamId, issued.SubjectKey);
        Assert.Equal(CaepEventTypes.Verification, issued.EventType);
        Assert.True((await ValidateAsync(issued.Token, JsonWebKeySet.Write([_key]), Receiver)).IsValid);
    }

    [Fact]
    public void A_verification_without_state_has_an_empty_event()
    {
        IssuedSecurityEventToken issued = Issue(new Verification(null));

        Assert.Equal("{}", Payload(issued.Token).GetProperty("events").GetProperty(CaepEventTypes.Verification).GetRawText());
    }

    [Fact]
    public void A_stream_updated_event_carries_status_and_reason_to_every_audience()
    {
        IssuedSecurityEventToken issued = Issue(new StreamUpdated("paused", "receiver asked for maintenance"), Receiver, "https://other.example");

        var payload = Payload(issued.Token);
        Assert.Equal($$"""["{{Receiver}}","https://other.example"]""", payload.GetProperty("aud").GetRawText());
        Assert.Equal(
            """{"https://schemas.openid.net/secevent/ssf/event-type/stream-updated":{"status":"paused","reason":"receiver asked for maintenance"}}""",
            payload.GetProperty("events").GetRawText());
        Assert.Equal(CaepEventTypes.StreamUpdated, issued.EventType);
    }

    [Fact]
    public void Stream_events_get_a_fresh_jti_each_time()
    {
        Assert.NotEqual(Issue(new Verification("s")).Jti, Issue(new Verification("s")).Jti);
    }

    [Fact]
    public void Missing_stream_status_stream_id_or_audience_is_rejected()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));

        Assert.Throws<ArgumentException>(() => Issue(new StreamUpdated(" ", null)));
        Assert.Throws<ArgumentException>(() => issuer.IssueStreamEvent(new Verification(null), "", [Receiver]));
        Assert.Throws<ArgumentException>(() => issuer.IssueStreamEvent(new Verification(null), StreamId, []));
        Assert.Throws<ArgumentException>(() => issuer.IssueStreamEvent(new Verification(null), StreamId, ["urn:ok", " https://padded.example"]));
    }
}
