using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Comparing;

/// <summary>
/// The actions two settings took over the same replay, and by identity, what the candidate adds to the baseline's
/// and what it removes. An action is the same when it is the same kind on the same event. Memory grows with actions.
/// </summary>
public sealed class ActionDiff
{

    private readonly Dictionary<string, List<RecordedAction>> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordedAction>> _candidate = new(StringComparer.Ordinal);

    public void AddBaseline(in ScoredEvent scored) => Record(_baseline, scored);

    public void AddCandidate(in ScoredEvent scored) => Record(_candidate, scored);

    /// <summary>Each identity the two settings treat differently, by identity (ordinal).</summary>
    public IEnumerable<IdentityDiff> Differences()
    {
        foreach (var identity in _baseline.Keys.Union(_candidate.Keys).Order(StringComparer.Ordinal))
        {
            var baseline = _baseline.GetValueOrDefault(identity) ?? [];
            var candidate = _candidate.GetValueOrDefault(identity) ?? [];
            var added = candidate.Except(baseline).ToList();
            var removed = baseline.Except(candidate).ToList();
            if (added.Count > 0 || removed.Count > 0)
            {
                yield return new IdentityDiff(identity, added, removed);
            }
        }
    }

    /// <summary>JSON lines, one per identity treated differently (schemas/replay-diff.schema.json).</summary>
    public void WriteJsonLines(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output);
        foreach (var difference in Differences())
        {
            writer.WriteStartObject();
            writer.WriteString("identity", difference.Identity);
            WriteActions(writer, "added", difference.Added);
            WriteActions(writer, "removed", difference.Removed);
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
        }
    }

    /// <summary>One line for a person: how many actions the candidate adds and removes, on how many identities, by kind.</summary>
    public string Describe()
    {
        var differences = Differences().ToList();
        var added = differences.SelectMany(difference => difference.Added).ToList();
        var removed = differences.SelectMany(difference => difference.Removed).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"candidate vs baseline: +{added.Count:N0} actions on {differences.Count(d => d.Added.Count > 0):N0} identities ({ByKind(added)}), -{removed.Count:N0} actions on {differences.Count(d => d.Removed.Count > 0):N0} identities ({ByKind(removed)})");
    }

    private static string ByKind(List<RecordedAction> actions) =>
        string.Join(", ", ReplaySummary.AllActionKinds.Select(kind => string.Create(CultureInfo.InvariantCulture, $"{kind} {actions.Count(action => action.Action == kind):N0}")));

    private static void Record(Dictionary<string, List<RecordedAction>> actions, in ScoredEvent scored)
    {
        if (scored.Decision.Actions == TrustAction.None)
        {
            return;
        }

        if (!actions.TryGetValue(scored.Event.IdentityId, out var taken))
        {
            taken = [];
            actions.Add(scored.Event.IdentityId, taken);
        }

        foreach (var kind in ReplaySummary.AllActionKinds)
        {
            if (scored.Decision.Actions.HasFlag(kind))
            {
                taken.Add(new RecordedAction(scored.Event.Timestamp, scored.Event.EventId, kind));
            }
        }
    }

    private static void WriteActions(Utf8JsonWriter writer, string name, IReadOnlyList<RecordedAction> actions)
    {
        writer.WriteStartArray(name);
        foreach (var action in actions)
        {
            writer.WriteStartObject();
            writer.WriteString("time", action.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("sourceEventId", action.SourceEventId);
            writer.WriteString("action", action.Action.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
