using RiskEngine.Cli.Measurement;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// The <c>measure</c> harness, run small: every timed revocation must be seen by all four of its enforcement points
/// (SET topic, PEP SDK, SSF push receiver, OPA's data), or the figures it prints would leave losses out.
/// </summary>
public sealed class EnforcementMeasurementTests
{
    [Fact]
    public async Task Every_timed_revocation_reaches_the_PEP_the_SSF_receiver_and_OPA()
    {
        var simulation = new SimulationOptions { Identities = 30, Takeovers = 6, Seed = 7, Start = DateTimeOffset.UtcNow };
        var signIns = new SignInSimulator(simulation).Generate().ToList();

        var (result, enforcement) = await EnforcementMeasurement.RunAsync(
            configFile: null, signIns, eventsPerSecond: 2000, warmUp: TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(signIns.Count, result.Scored);
        Assert.True(enforcement.Timed > 0, "the takeovers must cause timed revocations");
        Assert.Equal(enforcement.Timed, result.EventToSet.Count);
        Assert.Equal(enforcement.Timed, enforcement.PepRefuses.Count);
        Assert.Equal(enforcement.Timed, enforcement.SsfReceiverHas.Count);
        Assert.Equal(enforcement.Timed, enforcement.OpaHolds.Count);
    }
}
