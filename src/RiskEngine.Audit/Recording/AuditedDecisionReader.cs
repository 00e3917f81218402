using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using RiskEngine.Audit.Records;
using RiskEngine.Caep;
using RiskEngine.Core.Policy;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;

namespace RiskEngine.Audit.Recording;

/// <summary>
/// Turns one message of the SET topic into the decision the audit records: from its headers
/// (<see cref="RevocationHeaders"/>) where it has them, else from the SET's claims (<c>jti</c>, <c>txn</c>, the event
/// type and its <c>event_timestamp</c>), the message key and the message time. Never throws on what a message holds.
/// </summary>
internal static class AuditedDecisionReader
{
    /// <summary>
    /// The decision a message records, or null when it names no <c>jti</c>, event type, identity or event time;
    /// <paramref name="problems"/> gets what could not be read from where it should have been.
    /// </summary>
    public static AuditedDecision? Read(in InputMessage message, Headers headers, DateTimeOffset recordedAt, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(problems);
        var payload = SetPayload.TryRead(message.Value.Span, out var payloadError);
        if (payload is null)
        {
            problems.Add("the value is not a SET: " + payloadError);
        }

        var jti = Header(headers, RevocationHeaders.Jti, problems) ?? payload?.Jti;
        var eventType = Header(headers, RevocationHeaders.EventType, problems) ?? payload?.EventType;
        var identity = Header(headers, RevocationHeaders.Identity, problems)
            ?? (message.Key.Length > 0 ? Encoding.UTF8.GetString(message.Key.Span) : payload?.SubjectJson);
        var eventTime = EventTime(headers, problems) ?? payload?.EventTime ?? message.Timestamp;
        if (jti is null || eventType is null || identity is null || eventTime is null)
        {
            problems.Add("no jti, event type, identity or event time could be read");
            return null;
        }

        var (explanation, score, level) = Explanation(headers, problems);
        return new AuditedDecision
        {
            Jti = jti,
            Identity = identity,
            EventTime = eventTime.Value.ToUniversalTime(),
            SourceEventId = Header(headers, RevocationHeaders.TriggeringEventId, problems) ?? payload?.Txn,
            Action = Action(headers, problems) ?? ActionOf(eventType),
            EventType = eventType,
            Score = score,
            Level = level,
            ThresholdVersion = ThresholdVersion(headers, problems),
            Explanation = explanation,
            Reason = payload?.Reason,
            RecordedAt = recordedAt,
        };
    }

    private static string? Header(Headers headers, string name, List<string> problems)
    {
        if (!headers.TryGetLastBytes(name, out var bytes) || bytes is null || bytes.Length == 0)
        {
            problems.Add($"no {name} header");
            return null;
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"the {name} header is not UTF-8");
            return null;
        }
    }

    private static DateTimeOffset? EventTime(Headers headers, List<string> problems) =>
        Header(headers, RevocationHeaders.EventTime, problems) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : Unreadable<DateTimeOffset>(problems, RevocationHeaders.EventTime, text);

    private static string? Action(Headers headers, List<string> problems)
    {
        if (Header(headers, RevocationHeaders.Action, problems) is not { } text)
        {
            return null;
        }

        if (Enum.TryParse<TrustAction>(text, ignoreCase: false, out var action) && action is TrustAction.RevokeSession or TrustAction.StepUp or TrustAction.RiskLevelChange)
        {
            return action.ToString();
        }

        problems.Add($"the {RevocationHeaders.Action} header '{text}' is not one action");
        return null;
    }

    private static int? ThresholdVersion(Headers headers, List<string> problems) =>
        Header(headers, RevocationHeaders.ThresholdVersion, problems) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : Unreadable<int>(problems, RevocationHeaders.ThresholdVersion, text);

    // The explanation is kept as the engine wrote it; its score and level are columns of their own so they can be queried.
    private static (string? Explanation, double? Score, string? Level) Explanation(Headers headers, List<string> problems)
    {
        if (Header(headers, RevocationHeaders.Explanation, problems) is not { } text)
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"the {RevocationHeaders.Explanation} header is not a JSON object");
                return (null, null, null);
            }

            return (
                text,
                root.TryGetProperty("score", out var score) && score.TryGetDouble(out var value) ? value : null,
                root.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String ? level.GetString() : null);
        }
        catch (JsonException ex)
        {
            problems.Add($"the {RevocationHeaders.Explanation} header is not JSON: {ex.Message}");
            return (null, null, null);
        }
    }

    // What an engine without the action header meant by each event type it issues.
    private static string ActionOf(string eventType) => eventType switch
    {
        CaepEventTypes.SessionRevoked => nameof(TrustAction.RevokeSession),
        CaepEventTypes.AssuranceLevelChange => nameof(TrustAction.StepUp),
        CaepEventTypes.RiskLevelChange => nameof(TrustAction.RiskLevelChange),
        _ => eventType[(eventType.LastIndexOf('/') + 1)..],
    };

    private static T? Unreadable<T>(List<string> problems, string name, string text)
        where T : struct
    {
        problems.Add($"the {name} header '{text}' is unreadable");
        return null;
    }
}
