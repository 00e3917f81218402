using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals.Decisions;

namespace RiskEngine.Core.Tests.Identity;

public sealed class DecisionHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_identity_only_ever_allowed_pays_40_bytes_and_one_denied_144()
    {
        var capacity = DenyBurstOptions.DenyWindowCapacity(new DenyBurstOptions().MaxDenies);

        // 64-bit: the history 16 header + 8 ticks + 8 reference + 4 count + 1 capacity + 1 sensitivity = 40 after padding.
        Assert.Equal(40, AllocatedBytes.Of(() => new DecisionHistory(capacity, T0)));

        // The first deny adds the window: 16 header + 8 reference + 4 + 4 = 32, and its uint[11]: 16 header + 8 length
        // + 44 = 68, 72 after padding. 40 + 32 + 72 = 144.
        Assert.Equal(144, AllocatedBytes.Of(() =>
        {
            var history = new DecisionHistory(capacity, T0);
            history.RecordDeny(T0);
            return history;
        }));
    }

    [Fact]
    public void Denies_count_in_their_window_up_to_its_capacity()
    {
        var history = new DecisionHistory(3, T0);
        Assert.Equal(0, history.DeniesBetween(T0, T0.AddHours(1)));

        for (var minute = 0; minute < 5; minute++)
        {
            history.RecordDeny(T0.AddMinutes(minute));
        }

        // Of the denies at minutes 0 to 4 the window of 3 keeps minutes 2, 3 and 4; of those, 3 and 4 fall in [3, 10].
        Assert.Equal(3, history.DeniesBetween(T0, T0.AddMinutes(10)));
        Assert.Equal(2, history.DeniesBetween(T0.AddMinutes(3), T0.AddMinutes(10)));
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
