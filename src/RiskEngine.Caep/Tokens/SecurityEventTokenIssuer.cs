using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Subjects;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// Mints CAEP and SSF Security Event Tokens (RFC 8417) as compact JWS, RS256 or ES256 as the current key
/// dictates, and re-addresses them to SSF streams. Safe to call from several threads at once.
/// </summary>
public sealed class SecurityEventTokenIssuer
{
    private const string TokenType = "secevent+jwt";

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
        Scratch scratch = StartPayload();
        using (var writer = new Utf8JsonWriter(scratch.Payload, WriterOptions))
        {
            writer.WriteStartObject();
            WriteEnvelope(writer, jti, _audiences, cause.Subject);
            writer.WriteString("txn"u8, string.IsNullOrEmpty(cause.Txn) ? cause.TriggeringEventId : cause.Txn);
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

        return new IssuedSecurityEventToken(jti, SignPayload(scratch), cause.IdentityId, securityEvent.EventType);
    }

    /// <summary>
    /// Signs one of SSF's own events (e.g. <see cref="Verification"/>, <see cref="StreamUpdated"/>) for stream
    /// <paramref name="streamId"/>: <c>sub_id</c> = <c>{"format":"opaque","id":streamId}</c>, <c>aud</c> =
    /// <paramref name="audiences"/>, a random <c>jti</c> (these are not replayed) and no CAEP common claims.
    /// <see cref="IssuedSecurityEventToken.SubjectKey"/> is the stream id.
    /// </summary>
    public IssuedSecurityEventToken IssueStreamEvent(CaepEvent ssfEvent, string streamId, IReadOnlyList<string> audiences)
    {
        ArgumentNullException.ThrowIfNull(ssfEvent);
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ValidateAudiences(audiences);
        ssfEvent.Validate();

        string jti = Guid.NewGuid().ToString("D");
        Scratch scratch = StartPayload();
        using (var writer = new Utf8JsonWriter(scratch.Payload, WriterOptions))
        {
            writer.WriteStartObject();
            WriteEnvelope(writer, jti, audiences, new OpaqueSubject(streamId));
            writer.WriteStartObject("events"u8);
            writer.WriteStartObject(ssfEvent.EventType);
            ssfEvent.WriteEventClaims(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new IssuedSecurityEventToken(jti, SignPayload(scratch), streamId, ssfEvent.EventType);
    }

    /// <summary>
    /// Re-addresses a SET this engine signed to SSF stream <paramref name="streamId"/>: after verifying its
    /// signature against the published keys, returns the same claims in the same order with <c>aud</c> =
    /// <paramref name="audiences"/> and <c>jti</c> = <see cref="DeterministicJti.ForStream"/> of the original
    /// <c>jti</c>, signed with the current key. <see cref="IssuedSecurityEventToken.SubjectKey"/> is the subject the
    /// SET is about as its <c>sub_id</c> names it (a complex subject's user, else its device, else its session:
    /// the email, id, URI, or <c>iss</c> + ' ' + <c>sub</c>), so one subject's SETs can be kept in order.
    /// </summary>
    /// <exception cref="FormatException">The token is not a compact JWS SET with <c>jti</c>, <c>sub_id</c> and one event.</exception>
    /// <exception cref="CryptographicException">Its <c>kid</c> is not published (any more), its <c>alg</c> is not
    /// that key's, or its signature does not verify.</exception>
    public IssuedSecurityEventToken Readdress(string token, string streamId, IReadOnlyList<string> audiences)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ValidateAudiences(audiences);

        using JsonDocument document = VerifiedClaims(token);
        JsonElement claims = document.RootElement;
        string originalJti = StringMember(claims, "jti") is { Length: > 0 } value ? value : throw new FormatException("The SET has no jti.");
        string subjectKey = SubjectKey(claims.TryGetProperty("sub_id", out JsonElement subject)
            ? SubjectIdentifier.Parse(subject)
            : throw new FormatException("The SET has no sub_id."));
        string eventType = SingleEventType(claims);

        string jti = DeterministicJti.ForStream(originalJti, streamId);
        Scratch scratch = StartPayload();
        using (var writer = new Utf8JsonWriter(scratch.Payload, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (JsonProperty claim in claims.EnumerateObject())
            {
                if (claim.NameEquals("aud"u8))
                {
                    WriteAudiences(writer, audiences);
                }
                else if (claim.NameEquals("jti"u8))
                {
                    writer.WriteString("jti"u8, jti);
                }
                else
                {
                    claim.WriteTo(writer);
                }
            }

            if (!claims.TryGetProperty("aud", out _))
            {
                WriteAudiences(writer, audiences);
            }

            writer.WriteEndObject();
        }

        return new IssuedSecurityEventToken(jti, SignPayload(scratch), subjectKey, eventType);
    }

    private void WriteEnvelope(Utf8JsonWriter writer, string jti, IReadOnlyList<string> audiences, SubjectIdentifier subject)
    {
        writer.WriteString("iss"u8, _issuer);
        writer.WriteNumber("iat"u8, _time.GetUtcNow().ToUnixTimeSeconds());
        writer.WriteString("jti"u8, jti);
        WriteAudiences(writer, audiences);
        writer.WritePropertyName("sub_id"u8);
        subject.Write(writer);
    }

    /// <summary>One audience as a string, several as an array (RFC 7519 §4.1.3).</summary>
    private static void WriteAudiences(Utf8JsonWriter writer, IReadOnlyList<string> audiences)
    {
        if (audiences.Count == 1)
        {
            writer.WriteString("aud"u8, audiences[0]);
            return;
        }

        writer.WriteStartArray("aud"u8);
        for (int i = 0; i < audiences.Count; i++)
        {
            writer.WriteStringValue(audiences[i]);
        }

        writer.WriteEndArray();
    }

    private static void ValidateAudiences(IReadOnlyList<string> audiences)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        if (audiences.Count == 0)
        {
            throw new ArgumentException("At least one audience is needed.", nameof(audiences));
        }

        for (int i = 0; i < audiences.Count; i++)
        {
            if (CaepOptionsValidator.StringOrUriProblem(audiences[i]) is { } problem)
            {
                throw new ArgumentException($"Audience [{i}] {problem}.", nameof(audiences));
            }
        }
    }

    /// <summary>Checks the compact JWS against the published keys and returns its claims.</summary>
    private JsonDocument VerifiedClaims(string token)
    {
        int headerEnd = token.IndexOf('.', StringComparison.Ordinal);
        int payloadEnd = headerEnd < 0 ? -1 : token.IndexOf('.', headerEnd + 1);
        if (payloadEnd < 0 || token.IndexOf('.', payloadEnd + 1) >= 0)
        {
            throw new FormatException("A SET must be a compact JWS: three base64url parts separated by '.'.");
        }

        string? alg, kid, typ;
        using (JsonDocument header = ParseJsonObject(token.AsSpan(0, headerEnd), "header"))
        {
            (alg, kid, typ) = (StringMember(header.RootElement, "alg"), StringMember(header.RootElement, "kid"), StringMember(header.RootElement, "typ"));
        }

        if (typ != TokenType)
        {
            throw new FormatException($"The token's typ is '{typ}', not '{TokenType}'.");
        }

        SigningKey key = FindPublishedKey(kid)
            ?? throw new CryptographicException($"The SET's kid '{kid}' is not among the published signing keys.");
        if (alg != key.Algorithm)
        {
            throw new CryptographicException($"The SET's alg '{alg}' is not {key.Algorithm}, the algorithm of key '{kid}'.");
        }

        byte[] signingInput = ArrayPool<byte>.Shared.Rent(payloadEnd);
        try
        {
            int signingInputLength = Encoding.ASCII.GetBytes(token.AsSpan(0, payloadEnd), signingInput);
            if (!key.Verify(signingInput.AsSpan(0, signingInputLength), DecodeBase64Url(token.AsSpan(payloadEnd + 1), "signature")))
            {
                throw new CryptographicException($"The SET's signature does not verify with key '{kid}'.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signingInput);
        }

        return ParseJsonObject(token.AsSpan(headerEnd + 1, payloadEnd - headerEnd - 1), "payload");
    }

    private SigningKey? FindPublishedKey(string? kid)
    {
        foreach (SigningKey key in _keys.PublishedKeys)
        {
            if (key.Kid == kid)
            {
                return key;
            }
        }

        return null;
    }

    private static string? StringMember(JsonElement json, string name) =>
        json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] DecodeBase64Url(ReadOnlySpan<char> encoded, string part)
    {
        try
        {
            return Base64Url.DecodeFromChars(encoded);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"The SET's {part} is not base64url.", ex);
        }
    }

    private static JsonDocument ParseJsonObject(ReadOnlySpan<char> encoded, string part)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(DecodeBase64Url(encoded, part));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The SET's {part} is not JSON: {ex.Message}", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FormatException($"The SET's {part} is not a JSON object.");
        }

        return document;
    }

    private static string SingleEventType(JsonElement claims)
    {
        if (claims.TryGetProperty("events", out JsonElement events) && events.ValueKind == JsonValueKind.Object)
        {
            using JsonElement.ObjectEnumerator members = events.EnumerateObject();
            if (members.MoveNext() && members.Current.Name is var eventType && !members.MoveNext())
            {
                return eventType;
            }
        }

        throw new FormatException("The SET's events claim must be an object with exactly one event.");
    }

    private static string SubjectKey(SubjectIdentifier subject) => subject switch
    {
        ComplexSubject complex => SubjectKey(complex.User ?? complex.Device ?? complex.Session!),
        EmailSubject email => email.Email,
        OpaqueSubject opaque => opaque.Id,
        UriSubject uri => uri.Uri,
        IssSubSubject issSub => issSub.Iss + " " + issSub.Sub,
        _ => throw new FormatException($"Subject identifier format '{subject.Format}' has no key."),
    };

    private static Scratch StartPayload()
    {
        Scratch scratch = t_scratch ??= new Scratch();
        scratch.Payload.ResetWrittenCount();
        return scratch;
    }

    /// <summary>Signs the payload in <paramref name="scratch"/> with the current key.</summary>
    private string SignPayload(Scratch scratch)
    {
        SigningKey key = _keys.Current;
        return Sign(EncodedHeaderFor(key), scratch.Payload.WrittenSpan, key, scratch.Token);
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
            cached = new EncodedHeader(key, EncodeHeader(key));
            Volatile.Write(ref _header, cached);
        }

        return cached.Bytes;
    }

    private static byte[] EncodeHeader(SigningKey key)
    {
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, key.Algorithm);
            writer.WriteString("typ"u8, TokenType);
            writer.WriteString("kid"u8, key.Kid);
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
