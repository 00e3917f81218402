using System.Security.Cryptography;

namespace RiskEngine.Pep.Tokens;

/// <summary>One public key of the engine's JWKS: RS256 (RSA, 2048 bits or more) or ES256 (ECDSA P-256).</summary>
public sealed class VerificationKey : IDisposable
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private VerificationKey(string kid, string algorithm, RSA? rsa, ECDsa? ecdsa)
    {
        Kid = kid;
        Algorithm = algorithm;
        _rsa = rsa;
        _ecdsa = ecdsa;
    }

    public string Kid { get; }

    /// <summary>The JWS <c>alg</c> this key verifies; a token naming another algorithm is refused, whatever its signature.</summary>
    public string Algorithm { get; }

    public static VerificationKey FromRsa(string kid, RSAParameters parameters) =>
        new(kid, RS256, RSA.Create(parameters), ecdsa: null);

    public static VerificationKey FromEcdsa(string kid, ECParameters parameters) =>
        new(kid, ES256, rsa: null, ECDsa.Create(parameters));

    /// <summary>JWS signature check over <c>header.payload</c>; ES256 signatures are the 64-byte R||S form JWS prescribes.</summary>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        _rsa is not null
            ? _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ecdsa!.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }
}
