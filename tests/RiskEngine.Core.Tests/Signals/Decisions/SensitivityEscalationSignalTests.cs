using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Decisions.PolicyDecisions;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;

namespace RiskEngine.Core.Tests.Signals.Decisions;

public sealed class SensitivityEscalationSignalTests
{
    // The defaults: 10 allowed decisions and 4 h from the first one.
    private static readonly DateTimeOffset AfterLearning = PolicyDecisions.T0.AddHours(5);

    private readonly TrustScorer _scorer = Scorer(new ResourceSensitivityOptions());

    private static TrustScorer Scorer(ResourceSensitivityOptions sensitivity) =>
        ScorerOf(new SensitivityEscalationSignal(new SensitivityEscalationOptions(), new ResourceSensitivityClassifier(sensitivity)));

    /// <summary>10 allowed reads of unlabelled (so Internal, the default) reports, one every 20 minutes from T0.</summary>
    private static IEnumerable<IdentityEvent> InternalHistory() =>
        Enumerable.Range(0, 10).Select(n => Allowed(PolicyDecisions.T0.AddMinutes(20 * n)));

    [Fact]
    public void The_first_allowed_access_above_everything_before_fires_once()
    {
        var state = PolicyDecisions.NewState();
        _scorer.Run(state, InternalHistory());

        var findings = _scorer.Run(state, [Allowed(AfterLearning, "/payroll/2024", classification: "secret"), Allowed(AfterLearning.AddMinutes(1), "/payroll/2023", classification: "Restricted")]);

        var fired = Assert.Single(findings);
        Assert.Equal(SensitivityEscalationSignal.SignalName, fired.Signal);
        Assert.Equal(40, fired.Penalty); // Internal to Restricted: 2 levels at 20 each
        Assert.Equal(
            "sensitivity escalation: first Restricted access (2 levels up), OPA allowed GET /payroll/2024, labelled \"secret\"; " +
            "its 10 allowed decisions since 2024-03-01 08:00Z were at most Internal",
            fired.Evidence);
    }

    [Fact]
    public void Each_step_up_fires_with_the_levels_it_climbs_but_not_a_step_down()
    {
        var state = PolicyDecisions.NewState();
        _scorer.Run(state, InternalHistory());

        var findings = _scorer.Run(state, [
            Allowed(AfterLearning, classification: "pii"),              // Internal -> Confidential
            Allowed(AfterLearning.AddMinutes(1), classification: "open"), // Public: lower
            Allowed(AfterLearning.AddMinutes(2), classification: "secret"), // Confidential -> Restricted
        ]);

        Assert.Collection(
            findings,
            f =>
            {
                Assert.StartsWith("sensitivity escalation: first Confidential access (1 level up)", f.Evidence, StringComparison.Ordinal);
                Assert.Equal(20, f.Penalty);
            },
            f =>
            {
                Assert.StartsWith("sensitivity escalation: first Restricted access (1 level up)", f.Evidence, StringComparison.Ordinal);
                Assert.Equal(20, f.Penalty);
            });
    }

    [Fact]
    public void During_the_learning_period_the_highest_sensitivity_is_learned_silently()
    {
        var state = PolicyDecisions.NewState();
        _scorer.Run(state, InternalHistory());

        var findings = _scorer.Run(state, [Allowed(PolicyDecisions.T0.AddHours(3.5), classification: "secret"), Allowed(AfterLearning, classification: "secret")]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Too_short_a_history_is_not_judged()
    {
        var state = PolicyDecisions.NewState();
        _scorer.Run(state, InternalHistory().Take(9));

        Assert.Empty(_scorer.Run(state, [Allowed(AfterLearning, classification: "secret")]));
    }

    [Fact]
    public void A_denied_access_neither_fires_nor_counts_as_history()
    {
        var state = PolicyDecisions.NewState();
        _scorer.Run(state, InternalHistory());

        var denied = _scorer.Run(state, [Denied(AfterLearning, "/vault/keys")]);
        var allowed = _scorer.Run(state, [Allowed(AfterLearning.AddMinutes(1), "/vault/keys", classification: "secret")]);

        Assert.Empty(denied);
        Assert.Single(allowed);
    }

    [Fact]
    public void A_resource_the_configuration_lists_is_classified_without_a_label()
    {
        var sensitivity = new ResourceSensitivityOptions();
        sensitivity.Resources["/finance/ledger"] = ResourceSensitivity.Confidential;
        var scorer = Scorer(sensitivity);
        var state = PolicyDecisions.NewState();
        scorer.Run(state, InternalHistory());

        var fired = Assert.Single(scorer.Run(state, [Allowed(AfterLearning, "/finance/ledger", "POST")]));

        Assert.StartsWith("sensitivity escalation: first Confidential access (1 level up), OPA allowed POST /finance/ledger; its 10", fired.Evidence, StringComparison.Ordinal);
    }
}
