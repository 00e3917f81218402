using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RiskEngine.Pep.Tokens;

/// <summary>
/// Checks a compact SET (RFC 8417) the way a receiver must before acting on it: <c>typ</c> <c>secevent+jwt</c>, an
/// RS256 or ES256 signature under the JWKS key its <c>kid</c> names, the configured <c>iss</c>, this PEP among its
/// <c>aud</c>, a <c>jti</c>, exactly one event and a <c>sub_id</c> it can enforce. Never throws for bad input.
/// </summary>
public sealed class SecurityEventTokenVerifier
{
    private const string SecurityEventMediaType = "secevent+jwt";
    private const string SecurityEventFullMediaType = "application/secevent+jwt";

    private readonly JsonWebKeyStore _keys;
    private readonly string _issuer;
    private readonly string _audience;

    public SecurityEventTokenVerifier(JsonWebKeyStore keys, IOptions<PepOptions> options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _issuer = options.Value.Issuer;
        _audience = options.Value.Audience;
    }

    public VerificationResult Verify(ReadOnlySpan<byte> token)
    {
        int firstDot = token.IndexOf((byte)'.');
        int lastDot = token.LastIndexOf((byte)'.');
        if (firstDot <= 0 || lastDot == firstDot || token[(firstDot + 1)..lastDot].Contains((byte)'.'))
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "not a compact JWS (three base64url parts separated by dots)");
        }

        ReadOnlySpan<byte> signingInput = token[..lastDot];
        if (!TryDecode(token[..firstDot], out byte[] header)
            || !TryDecode(token[(firstDot + 1)..lastDot], out byte[] payload)
            || !TryDecode(token[(lastDot + 1)..], out byte[] signature))
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "a part is not base64url");
        }

        try
        {
            using JsonDocument headerJson = JsonDocument.Parse(header);
            if (CheckHeader(headerJson.RootElement, out VerificationKey? key) is { } headerFailure)
            {
                return headerFailure;
            }

            if (!key!.Verify(signingInput, signature))
            {
                return VerificationResult.Fail(VerificationFailure.BadSignature, $"the signature does not verify under key {key.Kid}");
            }

            using JsonDocument payloadJson = JsonDocument.Parse(payload);
            return ReadClaims(payloadJson.RootElement);
        }
        catch (JsonException ex)
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, $"the header or payload is not JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement accessors throw this for a member of another JSON type than the claim requires.
            return VerificationResult.Fail(VerificationFailure.Malformed, ex.Message);
        }
    }

    private VerificationResult? CheckHeader(JsonElement header, out VerificationKey? key)
    {
        key = null;
        if (header.ValueKind != JsonValueKind.Object)
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "the header is not a JSON object");
        }

        string? typ = OptionalString(header, "typ");
        if (!string.Equals(typ, SecurityEventMediaType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(typ, SecurityEventFullMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Fail(VerificationFailure.WrongType, $"typ is '{typ}', not {SecurityEventMediaType}");
        }

        if (header.TryGetProperty("crit", out _))
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "the header has critical extensions this receiver does not understand");
        }

        string? alg = OptionalString(header, "alg");
        if (alg is not (VerificationKey.RS256 or VerificationKey.ES256))
        {
            return VerificationResult.Fail(VerificationFailure.UnsupportedAlgorithm, $"alg '{alg}' is neither RS256 nor ES256");
        }

        if (OptionalString(header, "kid") is not { Length: > 0 } kid)
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "the header names no kid");
        }

        if (!_keys.TryGetKey(kid, out key))
        {
            return VerificationResult.Fail(VerificationFailure.UnknownKey, $"kid {kid} is not in the JWKS");
        }

        return key.Algorithm == alg
            ? null
            : VerificationResult.Fail(VerificationFailure.UnsupportedAlgorithm, $"alg {alg} does not match key {kid}, an {key.Algorithm} key");
    }

    private VerificationResult ReadClaims(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "the payload is not a JSON object");
        }

        string? iss = OptionalString(claims, "iss");
        if (!string.Equals(iss, _issuer, StringComparison.Ordinal))
        {
            return VerificationResult.Fail(VerificationFailure.WrongIssuer, $"iss is '{iss}', not '{_issuer}'");
        }

        if (!HasAudience(claims))
        {
            return VerificationResult.Fail(VerificationFailure.WrongAudience, $"aud does not include '{_audience}'");
        }

        if (OptionalString(claims, "jti") is not { Length: > 0 } jti)
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, "no jti");
        }

        if (!claims.TryGetProperty("iat", out JsonElement iat) || !iat.TryGetInt64(out long issuedAtSeconds))
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, $"SET {jti} has no numeric iat");
        }

        if (!claims.TryGetProperty("events", out JsonElement events) || events.ValueKind != JsonValueKind.Object)
        {
            return VerificationResult.Fail(VerificationFailure.Malformed, $"SET {jti} has no events object");
        }

        using JsonElement.ObjectEnumerator members = events.EnumerateObject();
        if (!members.MoveNext())
        {
            return VerificationResult.Fail(VerificationFailure.UnsupportedSubject, $"SET {jti} carries no event");
        }

        JsonProperty securityEvent = members.Current;
        if (members.MoveNext())
        {
            return VerificationResult.Fail(VerificationFailure.UnsupportedSubject, $"SET {jti} carries more than one event");
        }

        if (!claims.TryGetProperty("sub_id", out JsonElement subject))
        {
            return VerificationResult.Fail(VerificationFailure.UnsupportedSubject, $"SET {jti} has no sub_id");
        }

        (SubjectKey? user, SubjectKey? session) target;
        try
        {
            target = SubjectReader.Read(subject);
        }
        catch (FormatException ex)
        {
            return VerificationResult.Fail(VerificationFailure.UnsupportedSubject, $"SET {jti}: {ex.Message}");
        }

        DateTimeOffset issuedAt = DateTimeOffset.FromUnixTimeSeconds(issuedAtSeconds);
        DateTimeOffset eventTime = securityEvent.Value.ValueKind == JsonValueKind.Object
            && securityEvent.Value.TryGetProperty("event_timestamp", out JsonElement timestamp)
            && timestamp.TryGetInt64(out long eventSeconds)
                ? DateTimeOffset.FromUnixTimeSeconds(eventSeconds)
                : issuedAt;
        return VerificationResult.Success(new VerifiedSecurityEvent(
            jti, securityEvent.Name, target.user, target.session, issuedAt, eventTime, OptionalString(claims, "txn")));
    }

    private bool HasAudience(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out JsonElement aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return aud.ValueEquals(_audience);
        }

        return aud.ValueKind == JsonValueKind.Array
            && aud.EnumerateArray().Any(audience => audience.ValueKind == JsonValueKind.String && audience.ValueEquals(_audience));
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryDecode(ReadOnlySpan<byte> base64Url, out byte[] decoded)
    {
        decoded = new byte[Base64Url.GetMaxDecodedLength(base64Url.Length)];
        if (Base64Url.DecodeFromUtf8(base64Url, decoded, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        decoded = decoded[..written];
        return true;
    }
}
