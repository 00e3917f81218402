using System.Text.Json;
using RiskEngine.Audit.Tests.Support;

namespace RiskEngine.Audit.Tests.Commands;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly SeededAuditDatabase _database = new();

    [Fact]
    public async Task Explain_tells_an_identitys_score_history_with_the_signals_behind_each_change()
    {
        await _database.SeedAsync();

        var (exitCode, output) = await _database.RunAsync("explain", "user-1");

        Assert.Equal(0, exitCode);
        // 12.5 x 1.2 = 15 points took 95 to 80; 60 x 1 = 60 took 90 to 30. The takeover's two SETs are one change.
        Assert.Equal(
            $"""
            user-1: 3 recorded changes

            2026-03-01T08:00:00.000Z  event event-3  threshold version 3
              score 95.0 -> 80.0, level None -> Low; actions: RiskLevelChange
              - failed-sign-in-burst: -15.0 points (penalty 12.5 x weight 1.2): 5 failed sign-ins in 4 min
              reason: failed sign-in burst
              jti: j-early

            2026-03-01T09:30:15.250Z  event event-7  threshold version 4
              score 90.0 -> 30.0, level None -> High; actions: RiskLevelChange, RevokeSession
              - impossible-travel: -60.0 points (penalty 60 x weight 1): {SetTopicMessages.Evidence}
              reason: {SetTopicMessages.Reason}
              jti: j-level, j-revoke

            2026-03-01T10:00:00.000Z  event event-9  threshold version unknown
              score unknown (the SET came without its explanation); actions: StepUp
              jti: j-old

            """,
            output);
    }

    [Fact]
    public async Task Explain_json_gives_each_change_in_the_time_range_with_its_findings_points()
    {
        await _database.SeedAsync();

        var (exitCode, output) = await _database.RunAsync("explain", "user-1", "--json", "--from", "2026-03-01T09:00:00Z", "--to", "2026-03-01T10:00:00Z");

        Assert.Equal(0, exitCode);
        using var change = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var root = change.RootElement;
        Assert.Equal(["RiskLevelChange", "RevokeSession"], root.GetProperty("actions").EnumerateArray().Select(action => action.GetString()));
        Assert.Equal(90, root.GetProperty("previousScore").GetDouble());
        Assert.Equal(30, root.GetProperty("score").GetDouble());
        Assert.Equal("High", root.GetProperty("level").GetString());
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal(60, finding.GetProperty("points").GetDouble());
    }

    [Fact]
    public async Task Explain_of_an_identity_with_no_decisions_says_so()
    {
        await _database.SeedAsync();

        var (exitCode, output) = await _database.RunAsync("explain", "nobody");

        Assert.Equal(0, exitCode);
        Assert.Equal("No recorded decisions for nobody.\n", output);
    }

    public void Dispose() => _database.Dispose();
}
