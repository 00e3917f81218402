using System.Text.Json;
using RiskEngine.Sources.Json;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Decodes Linkerd proxy JSON access log lines (annotation <c>config.linkerd.io/access-log: json</c>), one JSON
/// object per message: <c>client.addr</c>, <c>client.id</c>, <c>host</c>, <c>method</c>, <c>uri</c>,
/// <c>status</c>, <c>request_bytes</c>, <c>response_bytes</c>, <c>processing_ns</c>, <c>total_ns</c>,
/// <c>timestamp</c>, <c>trace_id</c>, <c>user_agent</c>, <c>version</c>. The proxy logs the server (inbound)
/// side of HTTP requests, so client.id is the caller's mTLS identity
/// (web.booksapp.serviceaccount.identity.linkerd.cluster.local), or "-" for a caller without one.
/// </summary>
public sealed class LinkerdAccessLogDecoder : IEventDecoder
{
    /// <summary>The skip kind of a line whose caller had no mTLS identity (a kubelet probe, a client outside the mesh).</summary>
    public const string NoPeerIdentityKind = "linkerd:no-peer-identity";

    private const string EventIdPrefix = "linkerd:";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    // Values that recur line after line in a mesh; the cache only spares strings, it changes no output.
    private readonly Utf8StringCache _names = new(slots: 1024, maxLength: 256);
    private readonly Utf8StringCache _addresses = new(slots: 2048, maxLength: 64);
    private readonly Utf8StringCache _userAgents = new(slots: 256, maxLength: 512);

    public SourceFormat Format => SourceFormat.Linkerd;

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
            return Reject(RejectionCode.WrongShape, $"expected a JSON object (a Linkerd access log line), found {JsonFieldReader.Describe(reader.TokenType)}");
        }

        var objectStart = (int)reader.TokenStartIndex;
        var fields = default(LinkerdFields);
        string? fieldError = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = MeshJson.Unescaped(ref reader);
            reader.Read();
            fieldError ??= fields.Read(ref reader, name);
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
        reader.Read();

        if (!fields.HasAccessLogField)
        {
            return Reject(RejectionCode.WrongShape, "JSON of the wrong shape: not a Linkerd access log line (none of client.addr, client.id or uri)");
        }

        if (fieldError is not null)
        {
            return Reject(RejectionCode.InvalidField, fieldError);
        }

        if (fields.Timestamp is not { } timestamp)
        {
            return Reject(RejectionCode.MissingField, "no timestamp: the line has no event time");
        }

        // A caller without an mTLS identity is normal, not an error: kubelet probes, clients outside the mesh.
        // Such lines are counted as skipped rather than dead-lettered.
        if (fields.ClientId.ToString(message, ValueShape.FirstListItem, _names) is not { } identity)
        {
            return DecodedRecord.Skipped(NoPeerIdentityKind, DecodedRecord.WholeMessage, Range.All);
        }

        // The proxy records status only when a response came; without one the request failed: not a success.
        var status = (int)(fields.Status ?? 0);
        var succeeded = status is >= 100 and < 400;
        var identityEvent = new IdentityEvent
        {
            // trace_id is no event id: it is the caller's x-b3-traceid or x-request-id, shared by every hop of a
            // trace (and of a retried request), and usually "" when the caller sends neither. So the id is a hash of
            // the line's own bytes, which must be stable under replay because it names the event in the signed
            // tokens (SETs) the event causes. The bytes are those of the JSON object alone, not its framing.
            EventId = MeshText.HashId(EventIdPrefix, XxHash64.Hash(raw)),
            Timestamp = timestamp,
            Source = EventSource.Linkerd,
            Kind = EventKind.ServiceRequest,
            PrincipalType = PrincipalType.Workload,
            Interactive = false,
            IdentityId = identity,
            AppDisplayName = fields.Host.ToString(message, ValueShape.Whole, _names),
            Resource = fields.Uri.ToString(message, ValueShape.PathWithoutQuery), // never the query: it carries tokens and PII
            Action = fields.Method.ToMethod(message),
            ErrorCode = status,
            Succeeded = succeeded,
            FailureReason = fields.Status is null ? "no response status: the request failed before the proxy got a response" : null,
            IpAddress = fields.ClientAddress.ToString(message, ValueShape.AddressWithoutPort, _addresses),
            UserAgent = fields.UserAgent.ToString(message, ValueShape.Whole, _userAgents),
            BytesReceived = fields.RequestBytes,
            BytesSent = fields.ResponseBytes,
            DurationMs = fields.TotalNs / 1e6,
        };
        return DecodedRecord.Accepted(identityEvent, DecodedRecord.WholeMessage, Range.All);
    }

    private static DecodedRecord Reject(RejectionCode code, string reason) =>
        DecodedRecord.Rejected(code, reason, DecodedRecord.WholeMessage, Range.All);
}
