using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Replay.Reporting;

/// <summary>
/// An identity's scores from the event of its first action on, at most <see cref="MaxPoints"/> of them: later events
/// are only counted, so one busy identity cannot grow the report without bound.
/// </summary>
public sealed class IdentityTimeline
{
    public const int MaxPoints = 500;

    // Evidence quotes input (user agents, locations); long values are cut so a point stays small.
    private const int MaxEvidenceLength = 300;

    private readonly List<TimelinePoint> _points = [];

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

    /// <summary>Events after the first <see cref="MaxPoints"/> that the timeline leaves out.</summary>
    public long Omitted { get; private set; }

    public void Add(in ScoredEvent scored)
    {
        if (_points.Count == MaxPoints)
        {
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
            evidence[index] = text.Length <= MaxEvidenceLength ? text : string.Concat(text.AsSpan(0, MaxEvidenceLength), "…");
        }

        _points.Add(new TimelinePoint(
            scored.Event.Timestamp, scored.Assessment.Score, scored.Assessment.Level, scored.Decision.Actions, signals, evidence));
    }
}
