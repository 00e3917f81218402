using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Caep.Signing;

/// <summary>Writes the JWKS (RFC 7517) that receivers fetch from the transmitter's <c>jwks_uri</c>.</summary>
public static class JsonWebKeySet
{
    /// <summary>
    /// <c>{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":..,"n":..,"e":..},
    /// {"kty":"EC","use":"sig","alg":"ES256","kid":..,"crv":"P-256","x":..,"y":..},...]}</c>: public parts only.
    /// </summary>
    public static string Write(IEnumerable<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys"u8);
            foreach (SigningKey key in keys)
            {
                key.WritePublicJwk(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
