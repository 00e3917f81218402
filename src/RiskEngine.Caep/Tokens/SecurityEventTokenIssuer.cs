using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskEngine.Caep.Signing;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// Mints CAEP Security Event Tokens (RFC 8417) as RS256 compact JWS. Safe to call from several threads at once.
/// </summary>
public sealed class SecurityEventTokenIssuer
{
    private const string SessionRevokedAction = "session-revoked";

    // The JSON is base64url-encoded before it goes anywhere, so the HTML-safety escaping of the default encoder
    // buys nothing and would only turn '+' in "secevent+jwt" and in email addresses into \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Per-thread so concurrent callers never share a buffer and steady-state issuing allocates little beyond the token string.
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly string _issuer;
    private readonly string[] _audiences;
    private readonly ISigningKeyProvider _keys;
    private readonly TimeProvider _time;
    private EncodedHeader? _header;

    public SecurityEventTokenIssuer(IOptions<CaepOptions> options, ISigningKeyProvider keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);

        // Validated here too, because a host that forgot to register the validator would otherwise mint SETs
        // every receiver refuses.
        CaepOptions value = options.Value;
        ValidateOptionsResult validation = new CaepOptionsValidator().Validate(Options.DefaultName, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CaepOptions), validation.Failures);
        }

        _issuer = value.Issuer;
        _audiences = [.. value.Audiences];
        _keys = keys;
        _time = time;
    }

    /// <summary>Signs a CAEP <c>session-revoked</c> SET whose <c>jti</c> is derived from the identity and triggering event.</summary>
    public IssuedSecurityEventToken IssueSessionRevoked(SessionRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        ArgumentException.ThrowIfNullOrEmpty(revocation.IdentityId);
        ArgumentException.ThrowIfNullOrEmpty(revocation.TriggeringEventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(revocation.ReasonAdmin);

        string jti = DeterministicJti.Create(revocation.IdentityId, revocation.TriggeringEventId, SessionRevokedAction);
        SigningKey key = _keys.Current;
        byte[] header = EncodedHeaderFor(key);

        Scratch scratch = t_scratch ??= new Scratch();
        scratch.Payload.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(scratch.Payload, WriterOptions))
        {
            WriteSessionRevokedClaims(writer, revocation, jti);
        }

        string token = Sign(header, scratch.Payload.WrittenSpan, key, scratch.Token);
        return new IssuedSecurityEventToken(jti, token, revocation.IdentityId, CaepEventTypes.SessionRevoked);
    }

    private void WriteSessionRevokedClaims(Utf8JsonWriter writer, SessionRevocation revocation, string jti)
    {
        writer.WriteStartObject();
        writer.WriteString("iss"u8, _issuer);
        writer.WriteNumber("iat"u8, _time.GetUtcNow().ToUnixTimeSeconds());
        writer.WriteString("jti"u8, jti);
        if (_audiences.Length == 1)
        {
            writer.WriteString("aud"u8, _audiences[0]);
        }
        else
        {
            writer.WriteStartArray("aud"u8);
            foreach (string audience in _audiences)
            {
                writer.WriteStringValue(audience);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("txn"u8, string.IsNullOrEmpty(revocation.Txn) ? revocation.TriggeringEventId : revocation.Txn);

        // A complex subject without a session member means every session of the user (SSF §3, RFC 9493).
        writer.WriteStartObject("sub_id"u8);
        writer.WriteString("format"u8, "complex"u8);
        writer.WriteStartObject("user"u8);
        if (revocation.Email is { } email && email.Contains('@', StringComparison.Ordinal))
        {
            writer.WriteString("format"u8, "email"u8);
            writer.WriteString("email"u8, email);
        }
        else
        {
            writer.WriteString("format"u8, "opaque"u8);
            writer.WriteString("id"u8, revocation.IdentityId);
        }

        writer.WriteEndObject();
        if (!string.IsNullOrEmpty(revocation.SessionId))
        {
            writer.WriteStartObject("session"u8);
            writer.WriteString("format"u8, "opaque"u8);
            writer.WriteString("id"u8, revocation.SessionId);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteStartObject("events"u8);
        writer.WriteStartObject(CaepEventTypes.SessionRevoked);
        writer.WriteNumber("event_timestamp"u8, revocation.EventTime.ToUnixTimeSeconds());
        writer.WriteString("initiating_entity"u8, "policy"u8);
        writer.WriteStartObject("reason_admin"u8);
        writer.WriteString("en"u8, revocation.ReasonAdmin);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    /// <summary>Assembles <c>header.payload.signature</c>, with the raw signature parked past the end of the token.</summary>
    private static string Sign(ReadOnlySpan<byte> encodedHeader, ReadOnlySpan<byte> payload, SigningKey key, ArrayBufferWriter<byte> buffer)
    {
        int signingInputLength = encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        int tokenLength = signingInputLength + 1 + Base64Url.GetEncodedLength(key.SignatureSizeInBytes);
        Span<byte> span = buffer.GetSpan(tokenLength + key.SignatureSizeInBytes);

        encodedHeader.CopyTo(span);
        span[encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, span[(encodedHeader.Length + 1)..signingInputLength]);
        span[signingInputLength] = (byte)'.';

        Span<byte> signature = span[tokenLength..(tokenLength + key.SignatureSizeInBytes)];
        int signatureLength = key.Sign(span[..signingInputLength], signature);
        int encodedSignatureLength = Base64Url.EncodeToUtf8(signature[..signatureLength], span[(signingInputLength + 1)..tokenLength]);

        return Encoding.ASCII.GetString(span[..(signingInputLength + 1 + encodedSignatureLength)]);
    }

    private byte[] EncodedHeaderFor(SigningKey key)
    {
        // Rebuilt only when the provider rotates to a new key; a race just builds the same bytes twice.
        EncodedHeader? cached = Volatile.Read(ref _header);
        if (cached is null || !ReferenceEquals(cached.Key, key))
        {
            cached = new EncodedHeader(key, EncodeHeader(key.Kid));
            Volatile.Write(ref _header, cached);
        }

        return cached.Bytes;
    }

    private static byte[] EncodeHeader(string kid)
    {
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, "RS256"u8);
            writer.WriteString("typ"u8, "secevent+jwt"u8);
            writer.WriteString("kid"u8, kid);
            writer.WriteEndObject();
        }

        byte[] encoded = new byte[Base64Url.GetEncodedLength(json.WrittenCount)];
        Base64Url.EncodeToUtf8(json.WrittenSpan, encoded);
        return encoded;
    }

    private sealed record EncodedHeader(SigningKey Key, byte[] Bytes);

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Payload { get; } = new(1024);

        public ArrayBufferWriter<byte> Token { get; } = new(2048);
    }
}
