using System.Globalization;
using System.Text;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Replay.Summaries;

/// <summary>
/// What a replay decided, in aggregate: events scored, actions by kind, the identities they fell on, the score
/// distribution and each signal's contribution. Memory grows with identities actioned and signals, not with events.
/// </summary>
public sealed class ReplaySummary
{
    private static readonly TrustAction[] ActionKinds = [TrustAction.RevokeSession, TrustAction.StepUp, TrustAction.RiskLevelChange];

    private readonly long[] _actions = new long[ActionKinds.Length];
    private readonly HashSet<string> _identitiesActioned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SignalContribution> _signals = new(StringComparer.Ordinal);

    /// <summary>The kinds of action a decision can take, in the order every replay output lists them.</summary>
    public static IReadOnlyList<TrustAction> AllActionKinds => ActionKinds;

    public long Events { get; private set; }

    /// <summary>Events whose decision took at least one action.</summary>
    public long Decisions { get; private set; }

    public long Rejected { get; private set; }

    public DateTimeOffset? FirstEventTime { get; private set; }

    public DateTimeOffset? LastEventTime { get; private set; }

    public ScoreHistogram Scores { get; } = new();

    public int IdentitiesActioned => _identitiesActioned.Count;

    /// <summary>Signals by points taken off scores, most first; ties by name so the order is the same on every run.</summary>
    public IEnumerable<SignalContribution> Signals =>
        _signals.Values.OrderByDescending(signal => signal.Points).ThenBy(signal => signal.Signal, StringComparer.Ordinal);

    public long Actions(TrustAction kind) => _actions[Array.IndexOf(ActionKinds, kind)];

    public void Add(in ScoredEvent scored)
    {
        Events++;
        var time = scored.Event.Timestamp;
        if (FirstEventTime is null || time < FirstEventTime)
        {
            FirstEventTime = time;
        }

        if (LastEventTime is null || time > LastEventTime)
        {
            LastEventTime = time;
        }

        var assessment = scored.Assessment;
        Scores.Add(assessment.Score, assessment.Level);
        var acted = scored.Decision.Actions != TrustAction.None;
        if (acted)
        {
            Decisions++;
            _identitiesActioned.Add(scored.Event.IdentityId);
            for (var kind = 0; kind < ActionKinds.Length; kind++)
            {
                if (scored.Decision.Actions.HasFlag(ActionKinds[kind]))
                {
                    _actions[kind]++;
                }
            }
        }

        foreach (var finding in assessment.Findings)
        {
            if (!_signals.TryGetValue(finding.Signal, out var contribution))
            {
                contribution = new SignalContribution(finding.Signal);
                _signals.Add(finding.Signal, contribution);
            }

            contribution.Add(finding.Points, acted);
        }
    }

    /// <summary>Records the decoders refused (production sends them to the dead-letter topic).</summary>
    public void AddRejected(long count) => Rejected += count;

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("events", Events);
        writer.WriteNumber("rejected", Rejected);
        writer.WriteString("firstEventTime", FirstEventTime?.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("lastEventTime", LastEventTime?.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("decisions", Decisions);
        writer.WriteStartObject("actions");
        foreach (var kind in ActionKinds)
        {
            writer.WriteNumber(kind.ToString(), Actions(kind));
        }

        writer.WriteEndObject();
        writer.WriteNumber("identitiesActioned", IdentitiesActioned);
        writer.WriteStartArray("scoreDistribution");
        for (var bucket = 0; bucket < ScoreHistogram.Buckets; bucket++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("from", ScoreHistogram.LowerBound(bucket));
            foreach (var level in ScoreHistogram.AllLevels)
            {
                writer.WriteNumber(level.ToString(), Scores.Count(level, bucket));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("signals");
        foreach (var signal in Signals)
        {
            writer.WriteStartObject();
            writer.WriteString("signal", signal.Signal);
            writer.WriteNumber("fired", signal.Fired);
            writer.WriteNumber("points", Math.Round(signal.Points, 3));
            writer.WriteNumber("actions", signal.Actions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>For a person at a terminal: totals, actions by kind, events by level, and the ten signals that took most.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Events:N0} events scored ({FirstEventTime:O} to {LastEventTime:O}), {Rejected:N0} records refused");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Decisions:N0} decisions acted on {IdentitiesActioned:N0} identities: {Actions(TrustAction.RevokeSession):N0} revocations, {Actions(TrustAction.StepUp):N0} step-ups, {Actions(TrustAction.RiskLevelChange):N0} risk level changes");
        text.Append("events by level:");
        foreach (var level in ScoreHistogram.AllLevels)
        {
            text.Append(CultureInfo.InvariantCulture, $" {level.ToString()} {Scores.Count(level):N0}");
        }

        text.AppendLine();
        text.AppendLine("signal                      fired       points   actions");
        foreach (var signal in Signals.Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{signal.Signal,-24} {signal.Fired,9:N0} {signal.Points,12:N1} {signal.Actions,9:N0}");
        }

        return text.ToString();
    }
}
