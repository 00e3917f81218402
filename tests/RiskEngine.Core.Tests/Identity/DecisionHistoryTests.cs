using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals.Decisions;

namespace RiskEngine.Core.Tests.Identity;

public sealed class DecisionHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_the_default_deny_limit_it_takes_at_most_200_bytes()
    {
        var capacity = DenyBurstOptions.DenyWindowCapacity(new DenyBurstOptions().MaxDenies);

        // 64-bit: the history 16 header + 8 reference + 8 ticks + 4 count + 1 sensitivity = 40 after padding; its deny
        // window 16 + 8 + 4 + 4 = 32; the window's long[11] 16 + 8 length + 88 = 112. 184 in all.
        Assert.InRange(AllocatedBytes.Of(() => new DecisionHistory(capacity, T0)), 1, 200);
    }

    [Fact]
    public void The_highest_allowed_sensitivity_only_rises_and_every_allowed_decision_counts()
    {
        var history = new DecisionHistory(4, T0);
        Assert.Null(history.HighestAllowed);

        history.RecordAllowed(ResourceSensitivity.Confidential);
        history.RecordAllowed(ResourceSensitivity.Public);

        Assert.Equal(ResourceSensitivity.Confidential, history.HighestAllowed);
        Assert.Equal(2, history.AllowedDecisions);
        Assert.Equal(T0, history.FirstDecisionAt);
    }
}
