using RiskEngine.Core.Policy;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Replay.Reporting;

/// <summary>
/// An identity's scores from the event of its first action on, at most <see cref="MaxPoints"/> of them so one busy
/// identity (a workload makes thousands of requests a day) cannot grow the report without bound. When full, it keeps
/// the first point, every point that took an action and every other one of the rest, then takes half as many
/// of the events that follow: the timeline still spans the whole replay, more coarsely.
/// </summary>
public sealed class IdentityTimeline
{
    public const int MaxPoints = 500;

    // Evidence quotes input (user agents, locations); long values are cut so a point stays small.
    private const int MaxEvidenceLength = 300;

    private readonly List<TimelinePoint> _points = [];

    // Of the events that take no action, one in _stride becomes a point.
    private int _stride = 1;
    private int _skipped;

    public IdentityTimeline(in ScoredEvent first)
    {
        Identity = first.Event.IdentityId;
        PreviousScore = first.Assessment.PreviousScore;
        Add(first);
    }

    public string Identity { get; }

    /// <summary>The score the identity had before the first point's event.</summary>
    public double PreviousScore { get; }

    public IReadOnlyList<TimelinePoint> Points => _points;

    /// <summary>Events of the identity the timeline leaves out to stay within <see cref="MaxPoints"/>.</summary>
    public long Omitted { get; private set; }

    public void Add(in ScoredEvent scored)
    {
        var acted = scored.Decision.Actions != TrustAction.None;
        if (!acted && ++_skipped < _stride)
        {
            Omitted++;
            return;
        }

        _skipped = 0;
        if (_points.Count == MaxPoints && !Thin())
        {
            // Every point took an action: the earliest stay.
            Omitted++;
            return;
        }

        var findings = scored.Assessment.Findings ?? [];
        var signals = new string[findings.Count];
        var evidence = new string[findings.Count];
        for (var index = 0; index < findings.Count; index++)
        {
            signals[index] = findings[index].Signal;
            var text = findings[index].Evidence ?? string.Empty;
            evidence[index] = text.Length <= MaxEvidenceLength ? text : Cut(text);
        }

        _points.Add(new TimelinePoint(
            scored.Event.Timestamp, scored.Assessment.Score, scored.Assessment.Level, scored.Decision.Actions, signals, evidence));
    }

    // Never between the halves of a surrogate pair, which would leave half a character.
    private static string Cut(string text)
    {
        var length = char.IsHighSurrogate(text[MaxEvidenceLength - 1]) ? MaxEvidenceLength - 1 : MaxEvidenceLength;
        return string.Concat(text.AsSpan(0, length), "…");
    }

    private bool Thin()
    {
        var before = _points.Count;
        var plain = 0;
        var kept = 0;
        for (var index = 0; index < _points.Count; index++)
        {
            var point = _points[index];
            if (index == 0 || point.Actions != TrustAction.None || plain++ % 2 == 1)
            {
                _points[kept++] = point;
            }
        }

        _points.RemoveRange(kept, before - kept);
        if (kept == before)
        {
            return false;
        }

        Omitted += before - kept;
        _stride *= 2;
        return true;
    }
}
