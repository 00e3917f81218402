using System.Runtime.CompilerServices;
using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Tests.Anomaly;

/// <summary>The engine keeps these per identity, within 1 KiB for everything an identity holds.</summary>
public sealed class StateSizeTests
{
    [Fact]
    public void A_series_window_is_sixteen_floats_and_two_bytes()
    {
        // 16 · 4 + 2 = 66, padded to the float alignment
        Assert.Equal(68, Unsafe.SizeOf<SeriesWindow>());
    }

    [Fact]
    public void A_change_point_state_is_a_window_sixteen_log_bets_and_a_byte()
    {
        // 68 + 16 · 4 + 1 = 133, padded
        Assert.Equal(136, Unsafe.SizeOf<ChangePointState>());
    }

    [Fact]
    public void An_identity_history_of_one_feature_fits_in_forty_bytes()
    {
        // 6 · 4 (value keys) + 6 · 2 (counts) + 4 (total) = 40
        Assert.Equal(40, Unsafe.SizeOf<IdentityHistory>());
    }

    [Fact]
    public void An_identity_s_histories_of_every_feature_take_two_hundred_bytes()
    {
        Assert.Equal(5 * 40, Unsafe.SizeOf<IdentityFeatureHistories>());
    }
}
