using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;
using static RiskEngine.Core.Tests.Signals.Mesh.Traffic;

namespace RiskEngine.Core.Tests.Signals.Mesh;

public sealed class ClientErrorSpikeSignalTests
{
    private readonly TrustScorer _scorer = ScorerOf(new ClientErrorSpikeSignal(new ClientErrorSpikeOptions()));

    /// <summary>20 requests a minute, the first of every fifth minute refused with a 403.</summary>
    private static IEnumerable<Core.Events.IdentityEvent> Ordinary(int minutes) =>
        Enumerable.Range(0, minutes).SelectMany(minute => Minutes(
            T0.AddMinutes(minute),
            [20],
            (at, i) => To("accounts", at, status: minute % 5 == 0 && i == 0 ? 403 : 200)));

    [Fact]
    public void A_minute_of_403s_after_a_quiet_half_hour_is_found_at_the_twentieth()
    {
        var probe = Minutes(T0.AddMinutes(30), [60], (at, i) => To("accounts", at, status: i % 2 == 0 ? 403 : 200, method: "DELETE", path: $"/admin/users/{i}"));

        var fired = Assert.Single(_scorer.Run(NewState(), [.. Ordinary(30), .. probe]));

        // Closed minutes 14..29 hold one 403 each in 15, 20 and 25: mean 3/16 = 0.1875, so 20 (the floor) is
        // 106.7 times it. It is the 20th 403, on request 39 (i = 38) of the minute.
        Assert.Equal(ClientErrorSpikeSignal.SignalName, fired.Signal);
        Assert.Equal(20, fired.Penalty);
        Assert.Equal(
            "client-error-spike: 20 4xx responses in the 1 min from 08:30:00Z so far, 106.7x the mean of its last 16 active buckets (0.19), p = 1.0E-8; " +
            "last: 403 DELETE /admin/users/38 to accounts",
            fired.Evidence);
    }

    [Fact]
    public void Minutes_without_errors_count_as_zeros_and_a_few_more_errors_stay_under_the_floor()
    {
        var findings = _scorer.Run(NewState(), [.. Ordinary(30), .. Minutes(T0.AddMinutes(30), [30], (at, i) => To("accounts", at, status: i < 19 ? 404 : 200))]);

        Assert.Empty(findings);
    }
}
