using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Caep.Signing;

/// <summary>Writes the JWKS (RFC 7517) that receivers fetch from the transmitter's <c>jwks_uri</c>.</summary>
public static class JsonWebKeySet
{
    /// <summary>
    /// <c>{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":..,"n":..,"e":..},...]}</c>: public parts only.
    /// </summary>
    public static string Write(IEnumerable<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (SigningKey key in keys)
            {
                writer.WriteStartObject();
                writer.WriteString("kty", "RSA");
                writer.WriteString("use", "sig");
                writer.WriteString("alg", "RS256");
                writer.WriteString("kid", key.Kid);
                writer.WriteString("n", key.Modulus);
                writer.WriteString("e", key.Exponent);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
