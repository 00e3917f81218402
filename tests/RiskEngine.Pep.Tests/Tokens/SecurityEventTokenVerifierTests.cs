using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Pep.Tests.Fixtures;
using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Tests.Tokens;

/// <summary>ES256 SETs (the engine's issuer signs RS256 only today) and header checks, against a JWKS served over HTTP.</summary>
public sealed class SecurityEventTokenVerifierTests : IAsyncLifetime
{
    private const string Kid = "ec-key-1";
    private readonly ECDsa _ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private JwksServer _jwks = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _jwks = await JwksServer.StartAsync();
        ECParameters publicKey = _ecKey.ExportParameters(includePrivateParameters: false);
        _jwks.PublishDocument($$"""{"keys":[{"kty":"EC","use":"sig","alg":"ES256","kid":"{{Kid}}","crv":"P-256","x":"{{Base64Url.EncodeToString(publicKey.Q.X)}}","y":"{{Base64Url.EncodeToString(publicKey.Q.Y)}}"},{"kty":"oct","kid":"symmetric","k":"c2VjcmV0"}]}""");
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    [Fact]
    public async Task An_ES256_SET_verifies_and_yields_its_complex_subject()
    {
        SecurityEventTokenVerifier verifier = await VerifierAsync();
        VerificationResult result = verifier.Verify(Sign(Header("ES256", "secevent+jwt"), Claims(EngineKeys.Audience)));
        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(CaepEventTypes.SessionRevoked, result.Event!.EventType);
        Assert.Equal(new SubjectKey(SubjectKey.Email, "erin@example.com", null), result.Event.User);
        Assert.Equal(new SubjectKey(SubjectKey.Opaque, "sess-9", null), result.Event.Session);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), result.Event.EventTime);
    }

    [Theory]
    [InlineData("ES256", "JWT", VerificationFailure.WrongType)]
    [InlineData("RS256", "secevent+jwt", VerificationFailure.UnsupportedAlgorithm)]
    [InlineData("none", "secevent+jwt", VerificationFailure.UnsupportedAlgorithm)]
    public async Task A_header_with_the_wrong_typ_or_an_algorithm_other_than_the_keys_is_refused(string alg, string typ, VerificationFailure expected)
    {
        SecurityEventTokenVerifier verifier = await VerifierAsync();
        Assert.Equal(expected, verifier.Verify(Sign(Header(alg, typ), Claims(EngineKeys.Audience))).Failure);
    }

    [Fact]
    public async Task An_audience_array_counts_when_it_contains_this_PEP()
    {
        SecurityEventTokenVerifier verifier = await VerifierAsync();
        Assert.True(verifier.Verify(Sign(Header("ES256", "secevent+jwt"), Claims($"""["https://other", "{EngineKeys.Audience}"]""", quoted: false))).Succeeded);
        Assert.Equal(VerificationFailure.WrongAudience, verifier.Verify(Sign(Header("ES256", "secevent+jwt"), Claims("""["https://other"]""", quoted: false))).Failure);
    }

    private async Task<SecurityEventTokenVerifier> VerifierAsync()
    {
        var options = Options.Create(new PepOptions { JwksUri = _jwks.Uri, Issuer = EngineKeys.Issuer, Audience = EngineKeys.Audience });
        var keys = new JsonWebKeyStore(_services.GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System, NullLogger<JsonWebKeyStore>.Instance);
        Assert.True(await keys.RefreshAsync(CancellationToken.None));
        return new SecurityEventTokenVerifier(keys, options);
    }

    private static string Header(string alg, string typ) => $$"""{"alg":"{{alg}}","typ":"{{typ}}","kid":"{{Kid}}"}""";

    private static string Claims(string audience, bool quoted = true) =>
        "{\"iss\":\"" + EngineKeys.Issuer + "\",\"iat\":1700000005,\"jti\":\"j-1\",\"aud\":" + (quoted ? $"\"{audience}\"" : audience)
        + ",\"sub_id\":{\"format\":\"complex\",\"user\":{\"format\":\"email\",\"email\":\"erin@example.com\"},\"session\":{\"format\":\"opaque\",\"id\":\"sess-9\"}}"
        + ",\"events\":{\"" + CaepEventTypes.SessionRevoked + "\":{\"event_timestamp\":1700000000}}}";

    private byte[] Sign(string header, string claims)
    {
        string signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims))}";
        byte[] signature = _ecKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Encoding.ASCII.GetBytes($"{signingInput}.{Base64Url.EncodeToString(signature)}");
    }

    public async Task DisposeAsync()
    {
        await _jwks.DisposeAsync();
        await _services.DisposeAsync();
        _ecKey.Dispose();
    }
}
