using System.Text;
using System.Text.Json;
using RiskEngine.Sources.Json;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Decodes Istio/Envoy JSON access log lines, one JSON object per message: Istio's default JSON
/// <c>accessLogFormat</c> (start_time, method, path, response_code, response_flags, response_code_details,
/// bytes_received, bytes_sent, duration, x_forwarded_for, user_agent, authority, downstream_remote_address...)
/// plus the workload identities under the names <see cref="EnvoyAccessLogOptions"/> configures. Envoy writes
/// values typed (numbers as numbers, null for none) or, in text-templated formats, as strings with "-" for
/// none; both are read. Forward-only over the bytes: property names are matched as UTF-8, and a field becomes a
/// string only if the event keeps it.
/// </summary>
public sealed class EnvoyAccessLogDecoder : IEventDecoder
{
    /// <summary>The skip kind of a line with no caller identity: plaintext traffic, or the client side of a call.</summary>
    public const string NoPeerPrincipalKind = "envoy:no-peer-principal";

    /// <summary>The skip kind of a TCP proxy line: a connection, not a request, so it has no status to judge.</summary>
    public const string TcpConnectionKind = "envoy:tcp-connection";

    private const string EventIdPrefix = "envoy:";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    // Source names first, then destination names, each in order of preference.
    private readonly byte[][] _principalNames;
    private readonly string[] _principalFieldNames;
    private readonly int _sourceCount;
    private readonly bool[] _principalNameLengths;

    // Values that recur line after line in a mesh; the cache only spares strings, it changes no output.
    private readonly Utf8StringCache _names = new(slots: 1024, maxLength: 256);
    private readonly Utf8StringCache _addresses = new(slots: 2048, maxLength: 64);
    private readonly Utf8StringCache _userAgents = new(slots: 256, maxLength: 512);

    public EnvoyAccessLogDecoder(EnvoyAccessLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _sourceCount = options.SourcePrincipalFields.Count;
        _principalFieldNames = [.. options.SourcePrincipalFields, .. options.DestinationPrincipalFields];
        _principalNames = [.. _principalFieldNames.Select(Encoding.UTF8.GetBytes)];
        _principalNameLengths = new bool[EnvoyAccessLogOptions.MaxFieldNameBytes + 1];
        foreach (var name in _principalNames)
        {
            _principalNameLengths[name.Length] = true;
        }
    }

    public SourceFormat Format => SourceFormat.Envoy;

    /// <summary>Appends exactly one record for the line in <paramref name="message"/>.</summary>
    public void Decode(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var firstRecord = records.Count;
        try
        {
            records.Add(DecodeLine(message));
        }
        catch (Exception ex) when (WholeMessageRejection.Handles(ex))
        {
            WholeMessageRejection.Replace(records, firstRecord, ex);
        }
    }

    private DecodedRecord DecodeLine(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(RejectionCode.WrongShape, $"expected a JSON object (an Envoy access log line), found {JsonFieldReader.Describe(reader.TokenType)}");
        }

        var objectStart = (int)reader.TokenStartIndex;
        var fields = default(EnvoyFields);
        Span<RawJsonValue> principals = stackalloc RawJsonValue[_principalNames.Length];
        string? fieldError = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = MeshJson.Unescaped(ref reader);
            var principal = MatchPrincipal(name);
            var field = EnvoyFields.Classify(name);
            reader.Read();
            if (principal >= 0)
            {
                fieldError ??= MeshJson.ReadText(ref reader, _principalFieldNames[principal], out principals[principal]);
            }

            if (field != EnvoyField.Unknown)
            {
                // Read even after an error, so every field is checked and the reader stays in step.
                fieldError ??= fields.Read(field, ref reader);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return Reject(RejectionCode.MalformedJson, $"expected a property or the end of the object, found {JsonFieldReader.Describe(reader.TokenType)}");
        }

        var raw = message[objectStart..(int)reader.BytesConsumed];

        // Utf8JsonReader refuses a second top-level value (throwing JsonException); white space after the line is fine.
        reader.Read();

        if (!fields.HasAccessLogField)
        {
            return Reject(
                RejectionCode.WrongShape,
                "JSON of the wrong shape: not an Envoy access log line (none of start_time, method, response_code, response_flags, response_code_details or authority)");
        }

        if (fieldError is not null)
        {
            return Reject(RejectionCode.InvalidField, fieldError);
        }

        if (fields.StartTime is not { } startTime)
        {
            return Reject(RejectionCode.MissingField, "no start_time: the line has no event time");
        }

        // No caller identity is normal, not an error: plaintext traffic, the client-side (outbound) line of a call,
        // or a gateway's line for an external client. Such lines are counted as skipped, not dead-lettered, so a
        // mesh without mTLS, or the outbound half of every request, does not flood the dead-letter topic.
        var identity = FirstPrincipal(principals[.._sourceCount], message);
        if (identity is null)
        {
            return DecodedRecord.Skipped(NoPeerPrincipalKind, DecodedRecord.WholeMessage, Range.All);
        }

        // A TCP proxy line (no method, no status: Envoy writes 0) records a connection, not a request; judged by
        // the HTTP rule it would count every healthy database connection as a failure.
        var responseCode = (int)(fields.ResponseCode ?? 0);
        if (!fields.Method.IsPresent && responseCode == 0)
        {
            return DecodedRecord.Skipped(TcpConnectionKind, DecodedRecord.WholeMessage, Range.All);
        }

        var destination = FirstPrincipal(principals[_sourceCount..], message);

        // 0 means Envoy sent no response (the stream was reset, or the upstream never answered): not a success.
        var succeeded = responseCode is >= 100 and < 400;
        var identityEvent = new IdentityEvent
        {
            // Envoy lines carry no unique id (request_id is shared by the client-side and server-side lines of one
            // request), so the id is a hash of the line's own bytes. It must be stable under replay, because it
            // names the event in the signed tokens (SETs) the event causes: the same line read again must name the
            // same event. The bytes are those of the JSON object alone, so framing white space does not change it.
            EventId = MeshText.HashId(EventIdPrefix, XxHash64.Hash(raw)),
            Timestamp = startTime,
            Source = EventSource.Envoy,
            Kind = EventKind.ServiceRequest,
            PrincipalType = PrincipalType.Workload,
            Interactive = false,
            IdentityId = identity,
            AppDisplayName = destination ?? fields.Authority.ToString(message, ValueShape.Whole, _names),
            Resource = fields.Path.ToString(message, ValueShape.PathWithoutQuery), // never the query: it carries tokens and PII
            Action = fields.Method.ToMethod(message),
            ErrorCode = responseCode,
            Succeeded = succeeded,
            FailureReason = succeeded
                ? null
                : FailureReason(fields.ResponseCodeDetails.ToString(message, ValueShape.Whole, _names), fields.ResponseFlags.ToString(message, ValueShape.Whole, _names)),
            IpAddress = fields.XForwardedFor.ToString(message, ValueShape.FirstAddress, _addresses) ??
                        fields.DownstreamRemoteAddress.ToString(message, ValueShape.AddressWithoutPort, _addresses),
            UserAgent = fields.UserAgent.ToString(message, ValueShape.Whole, _userAgents),
            BytesReceived = fields.BytesReceived,
            BytesSent = fields.BytesSent,
            DurationMs = fields.Duration,
        };
        return DecodedRecord.Accepted(identityEvent, DecodedRecord.WholeMessage, Range.All);
    }

    /// <summary>The index of the configured principal field named <paramref name="name"/>, or -1.</summary>
    private int MatchPrincipal(ReadOnlySpan<byte> name)
    {
        if (name.Length >= _principalNameLengths.Length || !_principalNameLengths[name.Length])
        {
            return -1;
        }

        var names = _principalNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The identity in the first of <paramref name="values"/> that has one; a value holding several URI SANs
    /// ("spiffe://a,spiffe://b", as Envoy joins them) gives its first.
    /// </summary>
    private string? FirstPrincipal(ReadOnlySpan<RawJsonValue> values, ReadOnlySpan<byte> message)
    {
        foreach (var value in values)
        {
            if (value.ToString(message, ValueShape.FirstListItem, _names) is { } principal)
            {
                return principal;
            }
        }

        return null;
    }

    /// <summary>
    /// Why Envoy answered as it did: response_code_details ("rbac_access_denied_matched_policy[none]",
    /// "ext_authz_denied", "upstream_reset_before_response_started{...}") and the response flags ("UAEX", "UF",
    /// "URX"), whichever are present. Only failures get one; a success's "via_upstream" explains nothing.
    /// </summary>
    private static string? FailureReason(string? details, string? flags) => (details, flags) switch
    {
        (null, null) => null,
        (_, null) => details,
        (null, _) => $"response flags {flags}",
        _ => $"{details} (response flags {flags})",
    };

    private static DecodedRecord Reject(RejectionCode code, string reason) =>
        DecodedRecord.Rejected(code, reason, DecodedRecord.WholeMessage, Range.All);
}
