using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Replay.Reporting;

namespace RiskEngine.Replay.Tests.Reporting;

public sealed class IdentityTimelineTests
{
    [Fact]
    public void A_busy_identity_keeps_at_most_the_maximum_points_spanning_its_whole_replay_with_every_action()
    {
        // An action at the start and every 1,000th event of 10,000, one a minute.
        var timeline = new IdentityTimeline(Scored.Event("busy", Scored.Start, 40, TrustAction.StepUp));
        for (var minute = 1; minute < 10_000; minute++)
        {
            timeline.Add(Scored.Event("busy", Scored.Start.AddMinutes(minute), 50, minute % 1_000 == 0 ? TrustAction.RiskLevelChange : TrustAction.None));
        }

        Assert.InRange(timeline.Points.Count, IdentityTimeline.MaxPoints / 2, IdentityTimeline.MaxPoints);
        Assert.Equal(10_000, timeline.Points.Count + timeline.Omitted);
        Assert.Equal(10, timeline.Points.Count(point => point.Actions != TrustAction.None));
        Assert.Equal(Scored.Start, timeline.Points[0].Time);
        Assert.True(timeline.Points[^1].Time >= Scored.Start.AddMinutes(9_900), $"the last point at {timeline.Points[^1].Time} still ends the replay");
        Assert.Equal(timeline.Points.Select(point => point.Time).Order(), timeline.Points.Select(point => point.Time));
    }

    [Fact]
    public void The_first_point_carries_the_score_before_and_each_point_its_findings_evidence()
    {
        var timeline = new IdentityTimeline(
            Scored.Event("alice", Scored.Start, 45, TrustAction.RevokeSession, previousScore: 95, new WeightedFinding("impossible-travel", 50, 1, "Oslo to Lagos in 12 min")));

        Assert.Equal(95, timeline.PreviousScore);
        var point = Assert.Single(timeline.Points);
        Assert.Equal(["impossible-travel"], point.Signals);
        Assert.Equal(["Oslo to Lagos in 12 min"], point.Evidence);
        Assert.Equal(TrustAction.RevokeSession, point.Actions);
    }

    [Fact]
    public void Long_evidence_is_cut_to_300_characters_never_inside_a_surrogate_pair()
    {
        // 299 letters, then an emoji (a surrogate pair) across the cut at 300: the cut falls before it.
        var evidence = new string('a', 299) + "\U0001F600" + new string('b', 50);
        var timeline = new IdentityTimeline(
            Scored.Event("alice", Scored.Start, 45, TrustAction.StepUp, previousScore: 95, new WeightedFinding("new-user-agent", 5, 1, evidence)));

        Assert.Equal(new string('a', 299) + "…", Assert.Single(Assert.Single(timeline.Points).Evidence));
    }
}
