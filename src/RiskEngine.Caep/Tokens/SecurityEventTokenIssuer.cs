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

    /// <summary>
    /// Signs a CAEP SET carrying the one event given, for its cause, with a <c>jti</c> derived from the identity,
    /// the triggering event and the event type: reissuing what the same event caused gives the same <c>jti</c>.
    /// </summary>
    public IssuedSecurityEventToken Issue(CaepEvent securityEvent, SecurityEventCause cause)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        ArgumentNullException.ThrowIfNull(cause);
        securityEvent.Validate();
        cause.Validate();

        string jti = DeterministicJti.Create(cause.IdentityId, cause.TriggeringEventId, securityEvent.JtiAction);
        SigningKey key = _keys.Current;
        byte[] header = EncodedHeaderFor(key);

        Scratch scratch = t_scratch ??= new Scratch();
        scratch.Payload.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(scratch.Payload, WriterOptions))
        {
            WriteClaims(writer, securityEvent, cause, jti);
        }

        string token = Sign(header, scratch.Payload.WrittenSpan, key, scratch.Token);
        return new IssuedSecurityEventToken(jti, token, cause.IdentityId, securityEvent.EventType);
    }

    private void WriteClaims(Utf8JsonWriter writer, CaepEvent securityEvent, SecurityEventCause cause, string jti)
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

        writer.WriteString("txn"u8, string.IsNullOrEmpty(cause.Txn) ? cause.TriggeringEventId : cause.Txn);

        // A complex subject without a session member means every session of the user (SSF §3, RFC 9493).
        writer.WriteStartObject("sub_id"u8);
        writer.WriteString("format"u8, "complex"u8);
        writer.WriteStartObject("user"u8);
        if (cause.Email is { } email && email.Contains('@', StringComparison.Ordinal))
        {
            writer.WriteString("format"u8, "email"u8);
            writer.WriteString("email"u8, email);
        }
        else
        {
            writer.WriteString("format"u8, "opaque"u8);
            writer.WriteString("id"u8, cause.IdentityId);
        }

        writer.WriteEndObject();
        if (!string.IsNullOrEmpty(cause.SessionId))
        {
            writer.WriteStartObject("session"u8);
            writer.WriteString("format"u8, "opaque"u8);
            writer.WriteString("id"u8, cause.SessionId);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteStartObject("events"u8);
        writer.WriteStartObject(securityEvent.EventType);
        securityEvent.WriteEventClaims(writer);
        writer.WriteNumber("event_timestamp"u8, cause.EventTime.ToUnixTimeSeconds());
        writer.WriteString("initiating_entity"u8, "policy"u8);
        writer.WriteStartObject("reason_admin"u8);
        writer.WriteString("en"u8, cause.ReasonAdmin);
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
