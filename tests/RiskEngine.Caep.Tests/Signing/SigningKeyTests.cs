using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tests.Support;
using JsonWebKeySet = RiskEngine.Caep.Signing.JsonWebKeySet;

namespace RiskEngine.Caep.Tests.Signing;

public class SigningKeyTests
{
    [Fact]
    public void Kid_is_the_rfc_7638_thumbprint_computed_independently()
    {
        using RSA rsa = TestKeys.Import(TestKeys.PrimaryPkcs8Pem);
        JsonWebKey jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
        using SigningKey key = TestKeys.Primary();

        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.Kid);
        Assert.Equal(2048, key.KeySizeInBits);
    }

    [Fact]
    public void Keys_under_2048_bits_are_refused_with_a_clear_message()
    {
        using var rsa = RSA.Create(1024);

        var ex = Assert.Throws<ArgumentException>(() => new SigningKey(rsa));

        Assert.Contains("at least 2048 bits", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1024 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwks_publishes_each_key_public_parts_only()
    {
        using SigningKey primary = TestKeys.Primary();
        using SigningKey other = TestKeys.Other();

        string json = JsonWebKeySet.Write([primary, other]);

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement[] keys = [.. document.RootElement.GetProperty("keys").EnumerateArray()];
        Assert.Equal(2, keys.Length);
        Assert.All(keys, k => Assert.Equal(
            ["alg", "e", "kid", "kty", "n", "use"],
            k.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.Equal([primary.Kid, other.Kid], keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.All(keys, k =>
        {
            Assert.Equal("RSA", k.GetProperty("kty").GetString());
            Assert.Equal("sig", k.GetProperty("use").GetString());
            Assert.Equal("RS256", k.GetProperty("alg").GetString());
            Assert.Equal("AQAB", k.GetProperty("e").GetString());
            Assert.DoesNotContain('=', k.GetProperty("n").GetString()!);
        });

        // The thumbprint of each published JWK, as a receiver would compute it, is its kid.
        var parsed = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(json);
        Assert.All(parsed.Keys, k => Assert.Equal(k.Kid, Base64UrlEncoder.Encode(k.ComputeJwkThumbprint())));
    }

    [Fact]
    public void Jwks_publishes_an_ec_key_as_p256_es256_with_its_rfc_7638_kid()
    {
        using SigningKey rsa = TestKeys.Primary();
        using SigningKey ec = TestKeys.Ec();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(TestKeys.EcPkcs8Pem);
        ECParameters parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        string x = Base64UrlEncoder.Encode(parameters.Q.X);
        string y = Base64UrlEncoder.Encode(parameters.Q.Y);

        string json = JsonWebKeySet.Write([rsa, ec]);

        using JsonDocument document = JsonDocument.Parse(json);
        Assert.Equal(
            $$"""{"kty":"EC","use":"sig","alg":"ES256","kid":"{{ec.Kid}}","crv":"P-256","x":"{{x}}","y":"{{y}}"}""",
            document.RootElement.GetProperty("keys")[1].GetRawText());
        JsonWebKey parsed = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(json).Keys[1];
        Assert.Equal(ec.Kid, Base64UrlEncoder.Encode(parsed.ComputeJwkThumbprint()));
        Assert.Equal("ES256", ec.Algorithm);
        Assert.Equal(256, ec.KeySizeInBits);
    }
}
