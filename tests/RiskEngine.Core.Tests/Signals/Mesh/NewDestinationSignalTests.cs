using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;

namespace RiskEngine.Core.Tests.Signals.Mesh;

public sealed class NewDestinationSignalTests
{
    private static readonly DateTimeOffset AfterLearning = T0.AddHours(25);

    private readonly TrustScorer _scorer = ScorerOf(new NewDestinationSignal(new NewDestinationOptions()));

    /// <summary>A workload that learned "catalog" and "inventory" in its first hour, from one pod.</summary>
    private IdentityState LearnedState()
    {
        var state = NewState();
        _scorer.Run(state, [To("catalog", T0), To("inventory", T0.AddMinutes(30)), To("catalog", T0.AddHours(1))]);
        return state;
    }

    [Fact]
    public void Destinations_called_in_the_learning_period_are_learned_silently()
    {
        var state = NewState();
        var findings = _scorer.Run(state, [To("catalog", T0), To("inventory", T0.AddHours(23)), To("inventory", T0.AddHours(30))]);

        Assert.Empty(findings);
        Assert.Equal(2, state.Workload!.KnownDestinationCount);
    }

    [Fact]
    public void A_single_pod_calling_a_new_destination_after_the_learning_period_is_found_once_its_rollout_window_passes()
    {
        var state = LearnedState();

        // The first call and the ones within 5 minutes are held back: they could be the first pod of a rollout.
        var held = _scorer.Run(state, [To("payments-db", AfterLearning), To("payments-db", AfterLearning.AddMinutes(2)), To("catalog", AfterLearning.AddMinutes(4))]);
        Assert.Empty(held);

        // The first request at or after the window, to any destination, carries the finding, once.
        var fired = Assert.Single(_scorer.Run(state, [To("catalog", AfterLearning.AddMinutes(5)), To("payments-db", AfterLearning.AddMinutes(6))]));
        Assert.Equal(NewDestinationSignal.SignalName, fired.Signal);
        Assert.Equal(20, fired.Penalty);
        Assert.Equal(
            "new destination: payments-db, first called at 2024-03-02 09:00:00Z from 10.0.3.7 and from 1 source address(es) in the 5 min after " +
            "(a rollout shows 3); not among the 2 destination(s) it called since 2024-03-01 08:00Z",
            fired.Evidence);
        Assert.Equal(3, state.Workload!.KnownDestinationCount);
    }

    [Fact]
    public void A_rollout_from_five_addresses_is_learned_without_a_finding()
    {
        var state = LearnedState();
        var rollout = Enumerable.Range(1, 5).Select(pod => To("payments-db", AfterLearning.AddSeconds(40 * pod), sourceAddress: $"10.0.4.{pod}"));

        var findings = _scorer.Run(state, [.. rollout, To("payments-db", AfterLearning.AddMinutes(10)), To("catalog", AfterLearning.AddMinutes(20))]);

        Assert.Empty(findings);
        Assert.True(state.Workload!.KnowsDestination(Core.Hashing.XxHash64.HashUtf16("payments-db")));
    }

    [Fact]
    public void Two_addresses_are_not_yet_a_rollout_and_the_evidence_counts_them()
    {
        var state = LearnedState();
        _scorer.Run(state, [To("payments-db", AfterLearning), To("payments-db", AfterLearning.AddMinutes(1), sourceAddress: "10.0.3.8")]);

        var fired = Assert.Single(_scorer.Run(state, [To("catalog", AfterLearning.AddMinutes(7))]));

        Assert.Contains("from 10.0.3.7 and from 2 source address(es) in the 5 min after", fired.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_that_arrive_after_the_window_no_longer_make_a_rollout()
    {
        var state = LearnedState();
        _scorer.Run(state, [To("payments-db", AfterLearning)]);

        // Two more pods, but 6 minutes on: the first of them carries the finding of the lone first call.
        var findings = _scorer.Run(state, [To("payments-db", AfterLearning.AddMinutes(6), sourceAddress: "10.0.4.1"), To("payments-db", AfterLearning.AddMinutes(6), sourceAddress: "10.0.4.2")]);

        Assert.Single(findings);
    }

    [Fact]
    public void Requests_without_a_source_address_cannot_make_a_rollout()
    {
        var state = LearnedState();
        _scorer.Run(state, [.. Enumerable.Range(0, 5).Select(i => To("payments-db", AfterLearning.AddSeconds(i), sourceAddress: null))]);

        var fired = Assert.Single(_scorer.Run(state, [To("catalog", AfterLearning.AddMinutes(5))]));

        Assert.Contains("from an unknown address and from 0 source address(es)", fired.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_new_destinations_at_once_each_find_once_on_successive_requests()
    {
        var state = LearnedState();
        _scorer.Run(state, [To("payments-db", AfterLearning), To("vault", AfterLearning.AddMinutes(1))]);

        var findings = _scorer.Run(state, [To("catalog", AfterLearning.AddMinutes(10)), To("catalog", AfterLearning.AddMinutes(10)), To("catalog", AfterLearning.AddMinutes(11))]);

        Assert.Equal(2, findings.Count);
        Assert.StartsWith("new destination: payments-db,", findings[0].Evidence, StringComparison.Ordinal);
        Assert.StartsWith("new destination: vault,", findings[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_kinds_of_event_are_not_judged_and_do_not_allocate_a_workload_history()
    {
        var state = NewState();
        var signIn = new IdentityEvent { EventId = "e1", Timestamp = T0, IdentityId = Cart, Succeeded = true, AppDisplayName = "portal" };

        Assert.Empty(_scorer.Assess(signIn, state).Findings);
        Assert.Null(state.Workload);
    }
}
