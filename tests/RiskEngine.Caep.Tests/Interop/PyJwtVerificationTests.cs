using System.Diagnostics;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tests.Support;
using RiskEngine.Caep.Tokens;
using static RiskEngine.Caep.Tests.Support.TestTokens;
using JsonWebKeySet = RiskEngine.Caep.Signing.JsonWebKeySet;

namespace RiskEngine.Caep.Tests.Interop;

/// <summary>
/// Our SETs verify with PyJWT (Debian's python3-jwt, which .ci/setup installs) against our JWKS JSON, through
/// Peers/verify_set.py, which shares no code with the signer.
/// </summary>
public sealed class PyJwtVerificationTests : IDisposable
{
    private const string StreamAudience = "https://receiver.example/ssf";

    private readonly SigningKey _rsa = TestKeys.Primary();
    private readonly SigningKey _ec = TestKeys.Ec();
    private readonly TemporaryDirectory _temp = new();

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
        _temp.Dispose();
    }

    private async Task<(int ExitCode, string Output, string Errors)> VerifyAsync(string token, string jwks, string audience)
    {
        string jwksFile = _temp.Combine($"jwks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(jwksFile, jwks);
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "verify_set.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, jwksFile, audience, Issuer])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using Process process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(token);
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private async Task<JsonElement> VerifiedAsync(string token, string jwks, string audience = Audience)
    {
        (int exitCode, string output, string errors) = await VerifyAsync(token, jwks, audience);
        Assert.True(exitCode == 0, $"PyJWT refused the SET (needs Debian's python3-jwt): {errors}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task An_rs256_set_verifies_with_PyJWT()
    {
        IssuedSecurityEventToken issued = CreateIssuer(new TestKeyProvider(_rsa)).Issue(new SessionRevoked(), Cause());

        JsonElement verified = await VerifiedAsync(issued.Token, JsonWebKeySet.Write([_rsa]));

        Assert.Equal("RS256", verified.GetProperty("header").GetProperty("alg").GetString());
        Assert.Equal(issued.Jti, verified.GetProperty("claims").GetProperty("jti").GetString());
    }

    [Fact]
    public async Task An_es256_set_verifies_with_PyJWT_and_with_Microsoft_IdentityModel()
    {
        IssuedSecurityEventToken issued = CreateIssuer(new TestKeyProvider(_ec)).Issue(new SessionRevoked(), Cause());
        string jwks = JsonWebKeySet.Write([_rsa, _ec]);

        JsonElement verified = await VerifiedAsync(issued.Token, jwks);
        TokenValidationResult identityModel = await ValidateAsync(issued.Token, jwks);

        Assert.Equal("ES256", verified.GetProperty("header").GetProperty("alg").GetString());
        Assert.Equal(_ec.Kid, verified.GetProperty("header").GetProperty("kid").GetString());
        Assert.Equal(
            """{"format":"complex","user":{"format":"email","email":"alice@contoso.example"},"session":{"format":"opaque","id":"sess-42"}}""",
            verified.GetProperty("claims").GetProperty("sub_id").GetRawText());
        Assert.True(identityModel.IsValid, identityModel.Exception?.ToString());
    }

    [Fact]
    public async Task A_readdressed_set_verifies_with_PyJWT_for_the_stream_audience_only()
    {
        var keys = new TestKeyProvider(_rsa);
        SecurityEventTokenIssuer issuer = CreateIssuer(keys);
        IssuedSecurityEventToken original = issuer.Issue(new SessionRevoked(), Cause());
        keys.Current = _ec;
        keys.PublishedKeys = [_rsa, _ec];
        string jwks = JsonWebKeySet.Write(keys.PublishedKeys);

        IssuedSecurityEventToken readdressed = issuer.Readdress(original.Token, "stream-1", [StreamAudience]);

        JsonElement verified = await VerifiedAsync(readdressed.Token, jwks, StreamAudience);
        Assert.Equal("ES256", verified.GetProperty("header").GetProperty("alg").GetString());
        Assert.Equal(DeterministicJti.ForStream(original.Jti, "stream-1"), verified.GetProperty("claims").GetProperty("jti").GetString());
        (int exitCode, _, string errors) = await VerifyAsync(readdressed.Token, jwks, Audience);
        Assert.Equal(1, exitCode);
        Assert.Contains("InvalidAudienceError", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PyJWT_refuses_a_tampered_set_and_an_unpublished_key()
    {
        string[] parts = CreateIssuer(new TestKeyProvider(_ec)).Issue(new SessionRevoked(), Cause()).Token.Split('.');
        string tamperedPayload = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("sess-42", "sess-43", StringComparison.Ordinal));

        (int tampered, _, string tamperedErrors) = await VerifyAsync($"{parts[0]}.{tamperedPayload}.{parts[2]}", JsonWebKeySet.Write([_ec]), Audience);
        (int unpublished, _, string unpublishedErrors) = await VerifyAsync(string.Join('.', parts), JsonWebKeySet.Write([_rsa]), Audience);

        Assert.Equal(1, tampered);
        Assert.Contains("InvalidSignatureError", tamperedErrors, StringComparison.Ordinal);
        Assert.Equal(1, unpublished);
        Assert.Contains($"no key with kid '{_ec.Kid}'", unpublishedErrors, StringComparison.Ordinal);
    }
}
