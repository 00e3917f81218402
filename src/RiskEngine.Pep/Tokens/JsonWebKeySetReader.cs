using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace RiskEngine.Pep.Tokens;

/// <summary>
/// Reads the signing keys of a JWKS (RFC 7517): RSA keys of 2048 bits or more for RS256 and P-256 keys for ES256.
/// A member it cannot use (another key type or algorithm, <c>use</c> other than <c>sig</c>, no <c>kid</c>, a short
/// RSA key) is skipped with a reason, so one odd key never hides the others.
/// </summary>
internal static class JsonWebKeySetReader
{
    private const int MinimumRsaKeyBits = 2048;
    private const int P256CoordinateBytes = 32;

    /// <exception cref="FormatException">The document is not a JWKS at all.</exception>
    public static Dictionary<string, VerificationKey> Read(ReadOnlySpan<byte> json, List<string> skipped)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The JWKS is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out JsonElement keys)
                || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The JWKS has no \"keys\" array.");
            }

            var result = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonElement key in keys.EnumerateArray())
            {
                if (ReadKey(key, out string? problem) is { } verificationKey)
                {
                    result[verificationKey.Kid] = verificationKey;
                }
                else
                {
                    skipped.Add($"keys[{index}]: {problem}");
                }

                index++;
            }

            return result;
        }
    }

    private static VerificationKey? ReadKey(JsonElement key, out string? problem)
    {
        problem = null;
        if (key.ValueKind != JsonValueKind.Object)
        {
            problem = "not an object";
            return null;
        }

        string? kid = String(key, "kid");
        string? kty = String(key, "kty");
        string? use = String(key, "use");
        string? alg = String(key, "alg");
        if (string.IsNullOrEmpty(kid))
        {
            problem = "no kid";
        }
        else if (use is not null && use != "sig")
        {
            problem = $"use '{use}' is not sig";
        }
        else if (kty == "RSA" && alg is null or VerificationKey.RS256)
        {
            return ReadRsa(key, kid, out problem);
        }
        else if (kty == "EC" && alg is null or VerificationKey.ES256)
        {
            return ReadEcdsa(key, kid, out problem);
        }
        else
        {
            problem = $"kty '{kty}' with alg '{alg}' is neither RS256 nor ES256";
        }

        return null;
    }

    private static VerificationKey? ReadRsa(JsonElement key, string kid, out string? problem)
    {
        byte[]? modulus = Bytes(key, "n");
        byte[]? exponent = Bytes(key, "e");
        if (modulus is null || exponent is null)
        {
            problem = $"RSA key {kid} lacks a base64url n or e";
            return null;
        }

        int bits = (modulus.Length - (modulus[0] == 0 ? 1 : 0)) * 8;
        if (bits < MinimumRsaKeyBits)
        {
            problem = $"RSA key {kid} has {bits} bits; RS256 needs {MinimumRsaKeyBits} or more";
            return null;
        }

        problem = null;
        return VerificationKey.FromRsa(kid, new RSAParameters { Modulus = modulus, Exponent = exponent });
    }

    private static VerificationKey? ReadEcdsa(JsonElement key, string kid, out string? problem)
    {
        byte[]? x = Bytes(key, "x");
        byte[]? y = Bytes(key, "y");
        if (String(key, "crv") != "P-256" || x is not { Length: P256CoordinateBytes } || y is not { Length: P256CoordinateBytes })
        {
            problem = $"EC key {kid} is not a P-256 key with 32-byte x and y";
            return null;
        }

        try
        {
            problem = null;
            return VerificationKey.FromEcdsa(kid, new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException ex)
        {
            problem = $"EC key {kid} is not a point on P-256: {ex.Message}";
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement element, string name)
    {
        string? text = String(element, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
