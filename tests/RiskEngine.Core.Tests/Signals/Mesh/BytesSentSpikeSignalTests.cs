using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;
using static RiskEngine.Core.Tests.Signals.Mesh.Traffic;

namespace RiskEngine.Core.Tests.Signals.Mesh;

public sealed class BytesSentSpikeSignalTests
{
    private readonly TrustScorer _scorer = ScorerOf(new BytesSentSpikeSignal(new BytesSentSpikeOptions()));

    [Fact]
    public void A_bulk_export_after_a_steady_megabyte_a_minute_is_found_at_its_second_response()
    {
        var ordinary = Minutes(T0, Steady(20, 30), (at, _) => To("reports", at, bytesSent: 50_000));
        var export = Minutes(T0.AddMinutes(30), [20], (at, _) => To("reports", at, bytesSent: 5_000_000, path: "/v1/export"));

        var fired = Assert.Single(_scorer.Run(NewState(), [.. ordinary, .. export]));

        // 20 × 50 kB = 1 MB a minute; the export's second 5 MB response brings the minute to 10 MB, the floor (and 10x).
        Assert.Equal(BytesSentSpikeSignal.SignalName, fired.Signal);
        Assert.Equal(25, fired.Penalty);
        Assert.Equal(
            "bytes-sent-spike: 10,000,000 bytes sent in the 1 min from 08:30:00Z so far, 10x the mean of its last 16 active buckets (1,000,000), p = 1.0E-8; " +
            "last: 200 GET /v1/export to reports",
            fired.Evidence);
    }

    [Fact]
    public void Requests_without_a_byte_count_add_nothing()
    {
        var ordinary = Minutes(T0, Steady(20, 30), (at, _) => To("reports", at, bytesSent: 50_000));
        var unknown = Minutes(T0.AddMinutes(30), [400], (at, _) => To("reports", at, bytesSent: null));

        Assert.Empty(_scorer.Run(NewState(), [.. ordinary, .. unknown]));
    }
}
