using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace RiskEngine.Caep.Signing;

/// <summary>
/// An RSA private key used to sign SETs with RS256, identified by its RFC 7638 JWK thumbprint.
/// Takes ownership of the <see cref="RSA"/> instance: no one else may modify or dispose it.
/// Concurrent signing relies on that: the platform RSA implementations (OpenSSL EVP_PKEY, CNG) tolerate
/// parallel private-key operations on a key nobody modifies, as Microsoft.IdentityModel also relies on.
/// </summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>The CAEP interoperability profile's floor for RS256 keys.</summary>
    public const int MinimumKeySizeInBits = 2048;

    private readonly RSA _rsa;

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
        KeySizeInBits = rsa.KeySize;
        Modulus = Base64Url.EncodeToString(publicParameters.Modulus);
        Exponent = Base64Url.EncodeToString(publicParameters.Exponent);
        Kid = ComputeThumbprint(Exponent, Modulus);
    }

    /// <summary>RFC 7638 SHA-256 JWK thumbprint, base64url: stable for the key wherever it is loaded.</summary>
    public string Kid { get; }

    public int KeySizeInBits { get; }

    internal int SignatureSizeInBytes => (KeySizeInBits + 7) / 8;

    /// <summary>JWK <c>n</c>: the public modulus, base64url.</summary>
    internal string Modulus { get; }

    /// <summary>JWK <c>e</c>: the public exponent, base64url.</summary>
    internal string Exponent { get; }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (JWA RS256) over <paramref name="data"/>.</summary>
    internal int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (!_rsa.TrySignData(data, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out int written))
        {
            throw new ArgumentException($"The destination is smaller than the {SignatureSizeInBytes}-byte signature.", nameof(destination));
        }

        return written;
    }

    public void Dispose() => _rsa.Dispose();

    private static string ComputeThumbprint(string exponent, string modulus)
    {
        // RFC 7638 §3.2: only the required members, in lexicographic order, with no whitespace.
        var canonical = new ArrayBufferWriter<byte>(modulus.Length + 64);
        using (var writer = new Utf8JsonWriter(canonical))
        {
            writer.WriteStartObject();
            writer.WriteString("e", exponent);
            writer.WriteString("kty", "RSA");
            writer.WriteString("n", modulus);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(SHA256.HashData(canonical.WrittenSpan));
    }
}
