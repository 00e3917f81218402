using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tests.Support;
using RiskEngine.Caep.Tokens;
using static RiskEngine.Caep.Tests.Support.TestTokens;
using JsonWebKeySet = RiskEngine.Caep.Signing.JsonWebKeySet;

namespace RiskEngine.Caep.Tests.Tokens;

/// <summary>The SSF transmitter's re-addressing: one SET from the topic, one copy per stream.</summary>
public sealed class ReaddressTests : IDisposable
{
    private const string StreamId = "stream-1";
    private const string StreamAudience = "https://receiver.example/ssf";

    private readonly SigningKey _key = TestKeys.Primary();
    private readonly SigningKey _otherKey = TestKeys.Other();

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private static string Original(SecurityEventTokenIssuer issuer) => issuer.Issue(new SessionRevoked(), Cause()).Token;

    [Fact]
    public async Task Keeps_every_claim_in_order_but_aud_and_jti_and_verifies_for_the_stream_audience()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));
        string original = Original(issuer);
        string originalJti = Payload(original).GetProperty("jti").GetString()!;

        IssuedSecurityEventToken readdressed = issuer.Readdress(original, StreamId, [StreamAudience]);

        string expected = Payload(original).GetRawText()
            .Replace($"\"jti\":\"{originalJti}\"", $"\"jti\":\"{readdressed.Jti}\"", StringComparison.Ordinal)
            .Replace($"\"aud\":\"{Audience}\"", $"\"aud\":\"{StreamAudience}\"", StringComparison.Ordinal);
        Assert.Equal(expected, Payload(readdressed.Token).GetRawText());
        Assert.Equal(DeterministicJti.ForStream(originalJti, StreamId), readdressed.Jti);
        Assert.Equal("alice@contoso.example", readdressed.SubjectKey);
        Assert.Equal(CaepEventTypes.SessionRevoked, readdressed.EventType);
        TokenValidationResult result = await ValidateAsync(readdressed.Token, JsonWebKeySet.Write([_key]), StreamAudience);
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public void Several_stream_audiences_become_an_array()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));

        IssuedSecurityEventToken readdressed = issuer.Readdress(Original(issuer), StreamId, [StreamAudience, "urn:example:pep"]);

        Assert.Equal($$"""["{{StreamAudience}}","urn:example:pep"]""", Payload(readdressed.Token).GetProperty("aud").GetRawText());
    }

    [Fact]
    public void The_jti_is_the_same_for_the_same_stream_and_differs_between_streams()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));
        string original = Original(issuer);

        string first = issuer.Readdress(original, StreamId, [StreamAudience]).Jti;
        string again = issuer.Readdress(original, StreamId, [StreamAudience]).Jti;
        string otherStream = issuer.Readdress(original, "stream-2", [StreamAudience]).Jti;

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherStream);
        Assert.NotEqual(Payload(original).GetProperty("jti").GetString(), first);
    }

    [Fact]
    public void A_set_signed_by_a_key_still_published_is_resigned_with_the_current_key()
    {
        var keys = new TestKeyProvider(_key);
        SecurityEventTokenIssuer issuer = CreateIssuer(keys);
        string original = Original(issuer);
        keys.Current = _otherKey;
        keys.PublishedKeys = [_otherKey, _key];

        IssuedSecurityEventToken readdressed = issuer.Readdress(original, StreamId, [StreamAudience]);

        Assert.Equal(_otherKey.Kid, Header(readdressed.Token).GetProperty("kid").GetString());
    }

    [Fact]
    public void A_set_whose_key_is_no_longer_published_is_refused()
    {
        var keys = new TestKeyProvider(_key);
        SecurityEventTokenIssuer issuer = CreateIssuer(keys);
        string original = Original(issuer);
        keys.Current = _otherKey;

        var ex = Assert.Throws<CryptographicException>(() => issuer.Readdress(original, StreamId, [StreamAudience]));

        Assert.Contains($"kid '{_key.Kid}' is not among the published signing keys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_set_or_a_forged_alg_is_refused()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));
        string[] parts = Original(issuer).Split('.');
        string tamperedPayload = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("sess-42", "sess-43", StringComparison.Ordinal));
        string forgedHeader = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[0]).Replace("RS256", "ES256", StringComparison.Ordinal));

        var tampered = Assert.Throws<CryptographicException>(() => issuer.Readdress($"{parts[0]}.{tamperedPayload}.{parts[2]}", StreamId, [StreamAudience]));
        var forged = Assert.Throws<CryptographicException>(() => issuer.Readdress($"{forgedHeader}.{parts[1]}.{parts[2]}", StreamId, [StreamAudience]));

        Assert.Contains("signature does not verify", tampered.Message, StringComparison.Ordinal);
        Assert.Contains("alg 'ES256' is not RS256", forged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-jws", "three base64url parts")]
    [InlineData("a.b.c.d", "three base64url parts")]
    [InlineData("e30.e30.", "typ is ''")]
    [InlineData("!!.e30.e30", "header is not base64url")]
    [InlineData("bnVsbA.e30.e30", "header is not a JSON object")]
    public void Malformed_tokens_are_refused_with_a_clear_message(string token, string message)
    {
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));

        var ex = Assert.Throws<FormatException>(() => issuer.Readdress(token, StreamId, [StreamAudience]));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_set_without_sub_id_is_refused()
    {
        // Signed by our own key but not a SET we would mint: nothing to re-address.
        SecurityEventTokenIssuer issuer = CreateIssuer(new TestKeyProvider(_key));
        string withoutSubject = ResignWithout(Payload(Original(issuer)), "sub_id");

        var ex = Assert.Throws<FormatException>(() => issuer.Readdress(withoutSubject, StreamId, [StreamAudience]));

        Assert.Contains("no sub_id", ex.Message, StringComparison.Ordinal);
    }

    private string ResignWithout(JsonElement payload, string claim)
    {
        var claims = payload.EnumerateObject().Where(p => p.Name != claim).ToDictionary(p => p.Name, p => (object)p.Value.Clone());
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        using RSA rsa = TestKeys.Import(TestKeys.PrimaryPkcs8Pem);
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = _key.Kid }, SecurityAlgorithms.RsaSha256);
        return handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = credentials, TokenType = "secevent+jwt" });
    }
}
