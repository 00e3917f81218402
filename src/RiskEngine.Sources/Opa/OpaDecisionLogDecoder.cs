using System.Buffers;
using System.Text.Json;
using RiskEngine.Sources.Json;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Compression;

namespace RiskEngine.Sources.Opa;

/// <summary>
/// Decodes OPA decision logs in every form they leave OPA: one decision event (a custom plugin, a log shipper
/// that splits uploads), the console line (<c>decision_logs.console: true</c>: the same event with
/// <c>"msg":"Decision Log"</c>, <c>"type":"openpolicyagent.org/decision_logs"</c>, <c>level</c> and <c>time</c>
/// merged in), a JSON array of events, and any of these gzip-compressed (what the decision-log plugin
/// uploads: a gzip-compressed array). Each event becomes one <see cref="EventKind.PolicyDecision"/>, its subject,
/// resource, action and decision found through the configured <see cref="OpaInputMapping"/>.
/// </summary>
/// <remarks>
/// Forward-only over the UTF-8 bytes: no document is built; only the properties on the way to a configured
/// path are descended into. Records of a compressed message have <see cref="Range.All"/> as their raw bytes:
/// their bytes are not a slice of the message.
/// </remarks>
public sealed class OpaDecisionLogDecoder : IEventDecoder
{
    private const string ConsoleLogKind = "opa-console-log";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    private readonly int _maxDecompressedBytes;
    private readonly bool _acceptMaskedSubjects;
    private readonly CompiledMapping _mapping;

    public OpaDecisionLogDecoder()
        : this(new OpaDecisionLogOptions())
    {
    }

    /// <summary>A decoder with <paramref name="options"/> as they are now: later changes to them do not reach it.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public OpaDecisionLogDecoder(OpaDecisionLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"invalid OPA decision log options: {string.Join("; ", errors)}", nameof(options));
        }

        _maxDecompressedBytes = options.MaxDecompressedBytes;
        _acceptMaskedSubjects = options.AcceptMaskedSubjects;
        _mapping = new CompiledMapping(options.Mapping);
    }

    public SourceFormat Format => SourceFormat.Opa;

    /// <summary>Appends one <see cref="DecodedRecord"/> per decision event of <paramref name="message"/> to <paramref name="records"/>.</summary>
    public void Decode(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (!BoundedGzipInflater.IsGzip(message))
        {
            DecodeJson(message, compressed: false, records);
            return;
        }

        var inflated = BoundedGzipInflater.Inflate(message, _maxDecompressedBytes);
        if (inflated.Payload is not { } payload)
        {
            records.Add(DecodedRecord.Rejected(RejectionCode.BadCompression, inflated.Error!, DecodedRecord.WholeMessage, Range.All));
            return;
        }

        using (payload)
        {
            DecodeJson(payload.Span, compressed: true, records);
        }
    }

    private void DecodeJson(ReadOnlySpan<byte> json, bool compressed, List<DecodedRecord> records)
    {
        var firstRecord = records.Count;
        var slots = ArrayPool<CapturedValue>.Shared.Rent(_mapping.SlotCount);
        try
        {
            DecodeMessage(json, compressed, slots.AsSpan(0, _mapping.SlotCount), records);
        }
        catch (Exception ex) when (WholeMessageRejection.Handles(ex))
        {
            WholeMessageRejection.Replace(records, firstRecord, ex);
        }
        finally
        {
            ArrayPool<CapturedValue>.Shared.Return(slots, clearArray: true);
        }
    }

    private void DecodeMessage(ReadOnlySpan<byte> json, bool compressed, Span<CapturedValue> slots, List<DecodedRecord> records)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            throw new MessageRejectedException(
                RejectionCode.WrongShape,
                $"expected an OPA decision event (a JSON object) or an array of them, found {JsonFieldReader.Describe(reader.TokenType)}");
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            records.Add(DecodeEvent(ref reader, slots, DecodedRecord.WholeMessage, Range.All));
            EnsureNothingFollows(ref reader);
            return;
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var found = JsonFieldReader.Describe(reader.TokenType);
                reader.Skip();
                records.Add(DecodedRecord.Rejected(
                    RejectionCode.WrongShape,
                    $"[{index}] must be an OPA decision event (an object), found {found}",
                    index,
                    compressed ? Range.All : new Range(start, (int)reader.BytesConsumed)));
                index++;
                continue;
            }

            var record = DecodeEvent(ref reader, slots, index, Range.All);
            records.Add(record with
            {
                Raw = compressed ? Range.All : new Range(start, (int)reader.BytesConsumed),
                Reason = record.Outcome == DecodeOutcome.Rejected ? $"[{index}]: {record.Reason}" : record.Reason,
            });
            index++;
        }

        EnsureNothingFollows(ref reader);
    }

    private DecodedRecord DecodeEvent(ref Utf8JsonReader reader, Span<CapturedValue> slots, int index, Range raw)
    {
        slots.Clear();
        var fields = default(DecisionFields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            DecisionFields.ReadProperty(ref reader, ref fields, _mapping, slots);
        }

        return ToPolicyDecision(in fields, slots, index, raw);
    }

    private DecodedRecord ToPolicyDecision(in DecisionFields fields, ReadOnlySpan<CapturedValue> slots, int index, Range raw)
    {
        if (!fields.LooksLikeDecision)
        {
            // OPA's own log lines (server start, bundle downloads) share stdout with console decision logs.
            return fields.HasLevel && fields.HasMessage
                ? DecodedRecord.Skipped(ConsoleLogKind, index, raw)
                : DecodedRecord.Rejected(
                    RejectionCode.WrongShape,
                    "JSON of the wrong shape: not an OPA decision event (no decision_id, labels, input, result or erased, nor the console line's \"type\":\"openpolicyagent.org/decision_logs\")",
                    index,
                    raw);
        }

        if (fields.FieldError is { } fieldError)
        {
            return DecodedRecord.Rejected(RejectionCode.InvalidField, fieldError, index, raw);
        }

        if (fields.DecisionId is null)
        {
            return DecodedRecord.Rejected(RejectionCode.MissingField, "no decision_id: a decision needs its id, which names it in the SETs it causes", index, raw);
        }

        if (fields.Timestamp is not { } timestamp)
        {
            return DecodedRecord.Rejected(RejectionCode.MissingField, "no timestamp: the decision has no event time", index, raw);
        }

        if (FirstText(MappedField.Subject, slots, "/", out var subjectPath) is not { } subject)
        {
            return DecodedRecord.Rejected(RejectionCode.MissingIdentity, DescribeMissingSubject(in fields, slots), index, raw);
        }

        if (!_acceptMaskedSubjects && FirstCovering(fields.Masked, subjectPath!) is { } maskedBy)
        {
            return DecodedRecord.Rejected(
                RejectionCode.MissingIdentity,
                $"the subject at {subjectPath!.Text} was rewritten by the decision-log mask policy (masked \"{maskedBy}\"): it is not the subject's own id (set AcceptMaskedSubjects if the mask writes a stable pseudonym)",
                index,
                raw);
        }

        bool succeeded;
        string? failureReason;
        if (fields.HasError)
        {
            (succeeded, failureReason) = (false, fields.Error);
        }
        else if (!fields.HasResult)
        {
            if (fields.Erased?.Find(pointer => pointer == "/result") is { } erased)
            {
                return DecodedRecord.Rejected(
                    RejectionCode.MissingField,
                    $"the result was erased by the decision-log mask policy (erased \"{erased}\"): cannot tell allow from deny",
                    index,
                    raw);
            }

            // An undefined decision: the enforcement point denies by default.
            (succeeded, failureReason) = (false, "policy result undefined");
        }
        else
        {
            var decisionError = ResolveDecision(in fields, slots, out var allowed, out var code);
            if (decisionError is not null)
            {
                return DecodedRecord.Rejected(code, decisionError, index, raw);
            }

            succeeded = allowed;
            failureReason = allowed ? null : FirstText(MappedField.DenyReason, slots, "; ", out _);
        }

        var principalType = IsWorkload(subject) ? PrincipalType.Workload : PrincipalType.User;
        var decision = new IdentityEvent
        {
            EventId = fields.DecisionId,
            Timestamp = timestamp,
            Source = EventSource.Opa,
            Kind = EventKind.PolicyDecision,
            IdentityId = subject,
            PrincipalType = principalType,
            Interactive = principalType == PrincipalType.User,
            SessionId = FirstText(MappedField.Session, slots, "/", out _),
            Succeeded = succeeded,
            FailureReason = failureReason,
            IpAddress = FirstText(MappedField.SourceAddress, slots, "/", out _),
            AppDisplayName = fields.Path is { } path ? path.TrimStart('/') : null,
            Resource = FirstText(MappedField.Resource, slots, "/", out _),
            Action = FirstText(MappedField.Action, slots, "/", out _),
            Classification = FirstText(MappedField.Classification, slots, "/", out _),
        };
        return DecodedRecord.Accepted(decision, index, raw);
    }

    private string DescribeMissingSubject(in DecisionFields fields, ReadOnlySpan<CapturedValue> slots)
    {
        var candidates = _mapping.Candidates(MappedField.Subject);
        if (fields.Erased is { } erased)
        {
            if (erased.Contains("/input"))
            {
                return "the input was erased by the decision-log mask policy (erased \"/input\"): no subject to score";
            }

            foreach (var candidate in candidates)
            {
                if (FirstCovering(erased, candidate) is { } pointer)
                {
                    return $"no subject: {candidate.Text} was erased by the decision-log mask policy (erased \"{pointer}\"), and none of {_mapping.Describe(MappedField.Subject)} holds one";
                }
            }
        }

        var unusable = new List<string>();
        foreach (var candidate in candidates)
        {
            if (slots[candidate.Slot].WhyNoText() is { } why)
            {
                unusable.Add($"{candidate.Text} is {why}");
            }
        }

        var notes = unusable.Count > 0 ? $" ({string.Join("; ", unusable)})" : fields.HasInput ? string.Empty : " (the event has no input)";
        return $"no subject at any of {_mapping.Describe(MappedField.Subject)}: the decision names no identity to score{notes}";
    }

    /// <summary>Reads the decision from the first allow path holding one; an error text and its code when it cannot.</summary>
    private string? ResolveDecision(in DecisionFields fields, ReadOnlySpan<CapturedValue> slots, out bool allowed, out RejectionCode code)
    {
        allowed = false;
        code = default;
        foreach (var candidate in _mapping.Candidates(MappedField.Allow))
        {
            var value = slots[candidate.Slot];
            switch (value.Kind)
            {
                case CapturedKind.Boolean:
                    allowed = value.Boolean;
                    return null;
                case CapturedKind.String when bool.TryParse(value.Text, out var parsed):
                    allowed = parsed;
                    return null;
                case CapturedKind.Absent or CapturedKind.Null or CapturedKind.Object:
                    continue;
                default:
                    code = RejectionCode.InvalidField;
                    return $"{candidate.Text}: expected a boolean decision, found {value.Describe()}";
            }
        }

        code = RejectionCode.MissingField;
        var erased = fields.Erased is { Count: > 0 } pointers ? $" (erased: {string.Join(", ", pointers)})" : string.Empty;
        return $"no decision: none of {_mapping.Describe(MappedField.Allow)} holds a boolean{erased}";
    }

    private string? FirstText(MappedField field, ReadOnlySpan<CapturedValue> slots, string separator, out CompiledPath? path)
    {
        foreach (var candidate in _mapping.Candidates(field))
        {
            if (slots[candidate.Slot].AsText(separator) is { } text)
            {
                path = candidate;
                return text;
            }
        }

        path = null;
        return null;
    }

    private static string? FirstCovering(List<string>? pointers, CompiledPath path) =>
        pointers?.Find(pointer => OpaPath.PointerCovers(pointer, path.Segments));

    /// <summary>A SPIFFE ID, or a Kubernetes service account (what admission review names a workload by).</summary>
    private static bool IsWorkload(string subject) =>
        subject.StartsWith("spiffe://", StringComparison.OrdinalIgnoreCase) ||
        subject.StartsWith("system:serviceaccount:", StringComparison.Ordinal);

    private static void EnsureNothingFollows(ref Utf8JsonReader reader)
    {
        // Utf8JsonReader refuses a second top-level value itself; this catches a value cut short at its end.
        if (reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray) || reader.CurrentDepth != 0)
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, "not valid JSON: the message ends inside a value");
        }

        if (reader.Read())
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, "not valid JSON: trailing data after the top-level value");
        }
    }
}
