using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Replay.Evaluation;
using RiskEngine.Simulation.Labels;

namespace RiskEngine.Replay.Tests.Evaluation;

public sealed class DetectionEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_an_attack_as_detected_by_an_enforcing_action_on_a_target_during_it_or_within_the_grace()
    {
        EventLabel[] labels =
        [
            Label("spray-1", "a", 0, "password-spray"), Label("spray-1", "b", 2, "password-spray"),
            Label("travel-1", "c", 0, "impossible-travel"),
            Label("travel-2", "d", 0, "impossible-travel"),
            Benign("e"), Benign("f"), Benign("g"), Benign("h"),
        ];
        EngineAction[] actions =
        [
            Action("b", 3, TrustAction.StepUp),                                  // spray detected 3 min after it began
            Action("c", 45, TrustAction.RevokeSession),                          // within the hour of grace after its last event
            Action("d", 0, TrustAction.RiskLevelChange, RiskLevel.Low),          // information, not an action: missed
            Action("e", 10, TrustAction.RiskLevelChange, RiskLevel.Medium),      // a benign identity actioned
        ];

        var report = DetectionEvaluator.Evaluate(labels, actions);

        var spray = Assert.Single(report.Attacks, a => a.Kind == "password-spray");
        Assert.Equal((1, 1, TimeSpan.FromMinutes(3)), (spray.Instances, spray.Detected, spray.MedianTimeToAction));
        var travel = Assert.Single(report.Attacks, a => a.Kind == "impossible-travel");
        Assert.Equal((2, 1, TimeSpan.FromMinutes(45)), (travel.Instances, travel.Detected, travel.MedianTimeToAction));
        Assert.Equal(2 / 3.0, report.Recall, 9);
        Assert.Equal(["e"], report.BenignIdentitiesActioned);
        Assert.Equal(1 / 4.0, report.FalsePositiveRate, 9);   // e of e, f, g, h
        Assert.Equal(2 / 3.0, report.Precision, 9);           // b and c answer attacks; e does not; d is no action
    }

    [Fact]
    public void An_action_before_the_attack_or_after_its_grace_does_not_detect_it()
    {
        EventLabel[] labels = [Label("x", "a", 60, "brute-force")];
        var report = DetectionEvaluator.Evaluate(labels, [Action("a", 30, TrustAction.StepUp), Action("a", 60 + 61, TrustAction.StepUp)]);
        Assert.Equal(0, Assert.Single(report.Attacks).Detected);
        Assert.Equal(0, report.Precision);
    }

    private static EventLabel Label(string scenario, string identity, int minute, string kind) =>
        new(EventSource.EntraId, $"{scenario}-{identity}", identity, T0.AddMinutes(minute), kind, true, scenario, scenario == "x" ? T0.AddMinutes(60) : T0);

    private static EventLabel Benign(string identity) => new(EventSource.EntraId, $"benign-{identity}", identity, T0, "benign", false, null, null);

    private static EngineAction Action(string identity, int minute, TrustAction action, RiskLevel level = RiskLevel.High) =>
        new(identity, $"{identity}-{minute}", T0.AddMinutes(minute), action, level, "test");
}
