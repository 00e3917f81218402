using System.CommandLine;
using System.Text.Json;
using RiskEngine.Audit.Records;
using RiskEngine.Audit.Storage;
using RiskEngine.Caep;
using RiskEngine.Cli.Commands;
using RiskEngine.Core.Trust;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Audit.Tests.Support;

/// <summary>
/// A SQLite audit database in a temporary directory, seeded through the store, and a configuration file pointing the
/// CLI at it; runs <c>riskengine audit</c> and <c>explain</c> in process and captures what they print.
/// </summary>
internal sealed class SeededAuditDatabase : IDisposable
{
    public static readonly DateTimeOffset Early = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Takeover = new(2026, 3, 1, 9, 30, 15, 250, TimeSpan.Zero);
    public static readonly DateTimeOffset Late = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();

    public SeededAuditDatabase()
    {
        ConfigFile = Path.Combine(_directory.Path, "audit.json");
        File.WriteAllText(ConfigFile, JsonSerializer.Serialize(new { Database = new { DataDirectory = _directory.Path } }));
    }

    public string ConfigFile { get; }

    /// <summary>
    /// user-1: a burst of failures at 08:00 (95 - 12.5 x 1.2 = 80, Low), an impossible-travel takeover at 09:30:15.250
    /// (90 - 60 x 1.0 = 30, High: a risk level change and a revocation), and at 10:00 a step-up from an engine that sent
    /// no audit headers; user-2: a step-up at 09:45.
    /// </summary>
    public async Task SeedAsync()
    {
        var store = new DecisionAuditStore(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db")));
        await store.EnsureSchemaAsync(CancellationToken.None);
        var burst = Explanation(95, 80, RiskLevel.None, RiskLevel.Low, new WeightedFinding("failed-sign-in-burst", 12.5, 1.2, "5 failed sign-ins in 4 min"));
        var travel = Explanation(90, 30, RiskLevel.None, RiskLevel.High, new WeightedFinding("impossible-travel", 60, 1, SetTopicMessages.Evidence));
        await store.RecordAsync(
            [
                Decision("j-revoke", "user-1", Takeover, "event-7", "RevokeSession", CaepEventTypes.SessionRevoked) with { Score = 30, Level = "High", ThresholdVersion = 4, Explanation = travel, Reason = SetTopicMessages.Reason },
                Decision("j-old", "user-1", Late, "event-9", "StepUp", CaepEventTypes.AssuranceLevelChange),
                Decision("j-early", "user-1", Early, "event-3", "RiskLevelChange", CaepEventTypes.RiskLevelChange) with { Score = 80, Level = "Low", ThresholdVersion = 3, Explanation = burst, Reason = "failed sign-in burst" },
                Decision("j-other", "user-2", Takeover.AddMinutes(15), "event-8", "StepUp", CaepEventTypes.AssuranceLevelChange) with { Score = 55.5, Level = "Medium", ThresholdVersion = 4 },
                Decision("j-level", "user-1", Takeover, "event-7", "RiskLevelChange", CaepEventTypes.RiskLevelChange) with { Score = 30, Level = "High", ThresholdVersion = 4, Explanation = travel, Reason = SetTopicMessages.Reason },
            ],
            CancellationToken.None);
    }

    /// <summary>Runs the CLI's audit and explain commands with <paramref name="arguments"/>; the exit code and what went to standard output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var root = new RootCommand { AuditCommand.Create(), ExplainCommand.Create() };
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var exitCode = await root.Parse([.. arguments, "--config", ConfigFile]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString() + error);
    }

    public void Dispose() => _directory.Dispose();

    private static AuditedDecision Decision(string jti, string identity, DateTimeOffset time, string eventId, string action, string eventType) => new()
    {
        Jti = jti,
        Identity = identity,
        EventTime = time,
        SourceEventId = eventId,
        Action = action,
        EventType = eventType,
        RecordedAt = time.AddSeconds(1),
    };

    private static string Explanation(double previous, double score, RiskLevel previousLevel, RiskLevel level, WeightedFinding finding) =>
        JsonSerializer.Serialize(
            new TrustAssessment
            {
                PreviousScore = previous,
                Normal = 95,
                Penalty = finding.Points,
                Score = score,
                PreviousLevel = previousLevel,
                Level = level,
                Findings = [finding],
            },
            TrustJsonContext.Default.TrustAssessment);
}
