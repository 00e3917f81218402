using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace RiskEngine.Caep.Signing;

/// <summary>
/// A private key that signs SETs, RS256 (RSA, 2048 bits or more) or ES256 (ECDSA on P-256), identified by its
/// RFC 7638 JWK thumbprint. Takes ownership of the key instance: no one else may modify or dispose it.
/// Concurrent signing relies on that: the platform implementations (OpenSSL EVP_PKEY, CNG) tolerate parallel
/// private-key operations on a key nobody modifies, as Microsoft.IdentityModel also relies on.
/// </summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>The CAEP interoperability profile's floor for RS256 keys.</summary>
    public const int MinimumKeySizeInBits = 2048;

    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    // ES256 signatures are r || s, 32 bytes each (RFC 7518 §3.4).
    private const int Es256SignatureSizeInBytes = 64;

    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly string _x = "";
    private readonly string _y = "";

    public SigningKey(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        if (rsa.KeySize < MinimumKeySizeInBits)
        {
            throw new ArgumentException(
                $"RSA signing keys must be at least {MinimumKeySizeInBits} bits (CAEP interoperability profile); this key has {rsa.KeySize} bits.",
                nameof(rsa));
        }

        RSAParameters publicParameters = rsa.ExportParameters(includePrivateParameters: false);
        _rsa = rsa;
        Algorithm = RS256;
        KeySizeInBits = rsa.KeySize;
        SignatureSizeInBytes = (KeySizeInBits + 7) / 8;
        Modulus = Base64Url.EncodeToString(publicParameters.Modulus);
        Exponent = Base64Url.EncodeToString(publicParameters.Exponent);
        Kid = ComputeThumbprint(WriteThumbprintMembers);
    }

    public SigningKey(ECDsa ecdsa)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        ECParameters publicParameters = ecdsa.ExportParameters(includePrivateParameters: false);
        if (publicParameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException(
                $"ECDSA signing keys must be on the P-256 curve (ES256); this key is on {publicParameters.Curve.Oid?.FriendlyName ?? publicParameters.Curve.Oid?.Value ?? "an unnamed curve"}.",
                nameof(ecdsa));
        }

        _ecdsa = ecdsa;
        Algorithm = ES256;
        KeySizeInBits = ecdsa.KeySize;
        SignatureSizeInBytes = Es256SignatureSizeInBytes;
        _x = Base64Url.EncodeToString(publicParameters.Q.X);
        _y = Base64Url.EncodeToString(publicParameters.Q.Y);
        Kid = ComputeThumbprint(WriteThumbprintMembers);
    }

    /// <summary>RFC 7638 SHA-256 JWK thumbprint, base64url: stable for the key wherever it is loaded.</summary>
    public string Kid { get; }

    /// <summary>The JWS <c>alg</c> this key signs with: <see cref="RS256"/> or <see cref="ES256"/>.</summary>
    public string Algorithm { get; }

    public int KeySizeInBits { get; }

    internal int SignatureSizeInBytes { get; }

    /// <summary>JWK <c>n</c>: the public modulus, base64url; empty for an EC key.</summary>
    internal string Modulus { get; } = "";

    /// <summary>JWK <c>e</c>: the public exponent, base64url; empty for an EC key.</summary>
    internal string Exponent { get; } = "";

    /// <summary>RS256 (RSASSA-PKCS1-v1_5 with SHA-256) or ES256 (ECDSA P-256 with SHA-256, r || s) over <paramref name="data"/>.</summary>
    internal int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int written;
        bool signed = _rsa is not null
            ? _rsa.TrySignData(data, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out written)
            : _ecdsa!.TrySignData(data, destination, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out written);
        if (!signed)
        {
            throw new ArgumentException($"The destination is smaller than the {SignatureSizeInBytes}-byte signature.", nameof(destination));
        }

        return written;
    }

    /// <summary>Whether <paramref name="signature"/> is this key's <see cref="Algorithm"/> signature over <paramref name="data"/>.</summary>
    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => _rsa is not null
        ? _rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : _ecdsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>
    /// A copy holding only the public key, for a key that must stay published after its private key was removed:
    /// it can verify and be written to the JWKS but not sign.
    /// </summary>
    internal SigningKey PublicOnly()
    {
        if (_rsa is not null)
        {
            return new SigningKey(RSA.Create(_rsa.ExportParameters(includePrivateParameters: false)));
        }

        return new SigningKey(ECDsa.Create(_ecdsa!.ExportParameters(includePrivateParameters: false)));
    }

    /// <summary>The public JWK: <c>kty</c>, <c>use</c>, <c>alg</c>, <c>kid</c>, then <c>n</c>/<c>e</c> or <c>crv</c>/<c>x</c>/<c>y</c>.</summary>
    internal void WritePublicJwk(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kty"u8, _rsa is not null ? "RSA"u8 : "EC"u8);
        writer.WriteString("use"u8, "sig"u8);
        writer.WriteString("alg"u8, Algorithm);
        writer.WriteString("kid"u8, Kid);
        if (_rsa is not null)
        {
            writer.WriteString("n"u8, Modulus);
            writer.WriteString("e"u8, Exponent);
        }
        else
        {
            writer.WriteString("crv"u8, "P-256"u8);
            writer.WriteString("x"u8, _x);
            writer.WriteString("y"u8, _y);
        }

        writer.WriteEndObject();
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }

    // RFC 7638 §3.2: only the required members, in lexicographic order, with no whitespace.
    private void WriteThumbprintMembers(Utf8JsonWriter writer)
    {
        if (_rsa is not null)
        {
            writer.WriteString("e"u8, Exponent);
            writer.WriteString("kty"u8, "RSA"u8);
            writer.WriteString("n"u8, Modulus);
        }
        else
        {
            writer.WriteString("crv"u8, "P-256"u8);
            writer.WriteString("kty"u8, "EC"u8);
            writer.WriteString("x"u8, _x);
            writer.WriteString("y"u8, _y);
        }
    }

    private static string ComputeThumbprint(Action<Utf8JsonWriter> writeMembers)
    {
        var canonical = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(canonical))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(SHA256.HashData(canonical.WrittenSpan));
    }
}
