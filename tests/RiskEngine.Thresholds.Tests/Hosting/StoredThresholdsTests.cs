using System.Diagnostics;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;
using RiskEngine.Thresholds.Tests.Support;
using Xunit.Abstractions;

namespace RiskEngine.Thresholds.Tests.Hosting;

/// <summary>How a running engine's Trust options follow the stored versions, without a restart.</summary>
public sealed class StoredThresholdsTests(ITestOutputHelper output)
{
    // The poll runs every 100 ms here; the wait is generous so a busy machine does not fail the test, and the time it took is printed.
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Without_a_stored_version_the_configured_settings_apply_as_version_0()
    {
        await using var engine = new ThresholdsServices(new Dictionary<string, string?> { ["Trust:Policy:Thresholds:Internal:StepUp"] = "62" });

        Assert.Equal(0, engine.Trust.CurrentValue.ThresholdVersion);
        Assert.Equal(62, engine.Trust.CurrentValue.Policy.Thresholds.Internal.StepUp);
        Assert.Null(engine.Stored.Current);
    }

    [Fact]
    public async Task The_version_stored_before_the_engine_starts_is_in_force_from_its_first_settings()
    {
        await using var engine = new ThresholdsServices();
        await engine.StoreFromOtherProcessAsync(ThresholdDocuments.WithInternalStepUp(65));

        var trust = engine.Trust.CurrentValue;

        Assert.Equal(1, trust.ThresholdVersion);
        Assert.Equal(65, trust.Policy.Thresholds.Internal.StepUp);
        // Weights are merged over the configured ones, not replacing them: every default signal keeps one.
        Assert.Equal(new TrustOptions().Weights.Keys.Order(StringComparer.Ordinal), trust.Weights.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_version_another_process_stores_reaches_the_running_engines_options_without_a_restart()
    {
        await using var engine = new ThresholdsServices();
        await engine.Stored.StartAsync(CancellationToken.None);
        Assert.Equal(0, engine.Trust.CurrentValue.ThresholdVersion);
        var applied = new TaskCompletionSource<TrustOptions>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = engine.Trust.OnChange(options => applied.TrySetResult(options));

        var clock = Stopwatch.StartNew();
        await engine.StoreFromOtherProcessAsync(ThresholdDocuments.WithInternalStepUp(63));
        var options = await applied.Task.WaitAsync(ApplyTimeout);
        output.WriteLine($"applied {clock.ElapsedMilliseconds} ms after it was stored (poll interval 100 ms)");

        Assert.Equal(1, options.ThresholdVersion);
        Assert.Equal(63, options.Policy.Thresholds.Internal.StepUp);
        Assert.Equal(1, engine.Trust.CurrentValue.ThresholdVersion);
        await engine.Stored.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stored_version_the_engines_configuration_refuses_is_not_applied_and_the_last_good_one_stays()
    {
        await using var engine = new ThresholdsServices();
        await engine.StoreFromOtherProcessAsync(ThresholdDocuments.WithInternalStepUp(64));
        Assert.Equal(1, engine.Trust.CurrentValue.ThresholdVersion);
        await engine.Stored.StartAsync(CancellationToken.None);

        // Stored by a process whose baseline floor is 90: a restricted step-up at 75 plus the rearm margin of 10 fits under
        // 90, but not under this engine's floor of 80, where an identity sunk to the floor could never be stepped up again.
        var steeper = ThresholdDocuments.Defaults();
        steeper.Policy.Thresholds.Restricted.StepUp = 75;
        await engine.StoreFromOtherProcessAsync(steeper, new TrustOptions { Baseline = new TrustBaselineOptions { Floor = 90 } });
        var deadline = DateTime.UtcNow + ApplyTimeout;
        while (engine.Stored.Current?.Version != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the engine did not see version 2");
            await Task.Delay(20);
        }

        var trust = engine.Trust.CurrentValue;
        Assert.Equal(1, trust.ThresholdVersion);
        Assert.Equal(64, trust.Policy.Thresholds.Internal.StepUp);
        Assert.Equal(70, trust.Policy.Thresholds.Restricted.StepUp);
        await engine.Stored.StopAsync(CancellationToken.None);
    }
}
