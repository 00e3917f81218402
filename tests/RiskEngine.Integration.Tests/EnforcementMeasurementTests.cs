using System.Text.Json;
using Microsoft.Data.Sqlite;
using RiskEngine.Cli.Measurement;
using RiskEngine.Simulation;
using RiskEngine.Testing;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// The <c>measure</c> harness, run small: every timed revocation must be seen by all four of its enforcement points
/// (SET topic, PEP SDK, SSF push receiver, OPA's data), or the figures it prints would leave losses out; and its
/// simulated identities stay out of the analysts' database, where a production engine would restore them.
/// </summary>
public sealed class EnforcementMeasurementTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_timed_revocation_reaches_the_PEP_the_SSF_receiver_and_OPA()
    {
        var simulation = new SimulationOptions { Identities = 30, Takeovers = 6, Seed = 7, Start = DateTimeOffset.UtcNow };
        var signIns = new SignInSimulator(simulation).Generate().ToList();

        var database = Path.Combine(_directory.Path, "database");
        var configFile = Path.Combine(_directory.Path, "riskengine.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new { Database = new { DataDirectory = database } }));

        var (result, enforcement) = await EnforcementMeasurement.RunAsync(
            configFile, signIns, eventsPerSecond: 2000, warmUp: TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(signIns.Count, result.Scored);
        Assert.True(enforcement.Timed > 0, "the takeovers must cause timed revocations");
        Assert.Equal(enforcement.Timed, result.EventToSet.Count);
        Assert.Equal(enforcement.Timed, enforcement.PepRefuses.Count);
        Assert.Equal(enforcement.Timed, enforcement.SsfReceiverHas.Count);
        Assert.Equal(enforcement.Timed, enforcement.OpaHolds.Count);
        Assert.Equal(0, await CheckpointTablesAsync(Path.Combine(database, "riskengine.db")));
    }

    private static async Task<long> CheckpointTablesAsync(string databaseFile)
    {
        if (!File.Exists(databaseFile))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={databaseFile}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'identity_state_%'";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
