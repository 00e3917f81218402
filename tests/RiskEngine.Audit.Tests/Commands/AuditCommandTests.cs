using System.Text.Json;
using RiskEngine.Audit.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Audit.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly SeededAuditDatabase _database = new();

    [Fact]
    public async Task Audit_lists_an_identitys_decisions_as_a_table_by_event_time_then_jti()
    {
        await _database.SeedAsync();

        var (exitCode, output) = await _database.RunAsync("audit", "--identity", "user-1", "--to", "2026-03-01T10:00:00Z");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            """
            time                      identity  action           score  level  thresholds  jti
            2026-03-01T08:00:00.000Z  user-1    RiskLevelChange  80.0   Low    3           j-early
            2026-03-01T09:30:15.250Z  user-1    RiskLevelChange  30.0   High   4           j-level
            2026-03-01T09:30:15.250Z  user-1    RevokeSession    30.0   High   4           j-revoke

            """,
            output);
    }

    [Fact]
    public async Task Audit_json_prints_one_line_per_decision_that_the_published_schema_accepts()
    {
        await _database.SeedAsync();

        var (exitCode, output) = await _database.RunAsync("audit", "--json", "--from", "2026-03-01T09:00:00", "--limit", "3");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // From 09:00 (UTC, as no offset is given): the takeover's two SETs, then user-2's step-up at 09:45; the limit leaves out 10:00.
        Assert.Equal(["j-level", "j-revoke", "j-other"], lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("jti").GetString()));
        Assert.All(SchemaValidator.Validate("decision-audit.schema.json", lines), Assert.Null);
        using var revocation = JsonDocument.Parse(lines[1]);
        var root = revocation.RootElement;
        Assert.Equal("2026-03-01T09:30:15.250Z", root.GetProperty("time").GetString());
        Assert.Equal("event-7", root.GetProperty("sourceEventId").GetString());
        Assert.Equal(4, root.GetProperty("thresholdVersion").GetInt32());
        Assert.Equal("impossible-travel", root.GetProperty("explanation").GetProperty("findings")[0].GetProperty("signal").GetString());
    }

    [Fact]
    public async Task A_decision_without_its_explanation_prints_without_those_members()
    {
        await _database.SeedAsync();

        var (_, output) = await _database.RunAsync("audit", "--json", "--from", "2026-03-01T10:00:00Z");

        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Null(SchemaValidator.Validate("decision-audit.schema.json", line));
        var members = JsonDocument.Parse(line).RootElement.EnumerateObject().Select(member => member.Name);
        Assert.Equal(["jti", "time", "identity", "sourceEventId", "action", "eventType", "recordedAt"], members);
    }

    [Fact]
    public async Task An_empty_audit_says_so()
    {
        var (exitCode, output) = await _database.RunAsync("audit");

        Assert.Equal(0, exitCode);
        Assert.Equal("No audited decisions match.\n", output);
    }

    [Theory]
    [InlineData("--from", "last tuesday")]
    [InlineData("--limit", "0")]
    public async Task A_bad_option_is_refused_before_the_database_is_read(string option, string value)
    {
        var (exitCode, output) = await _database.RunAsync("audit", option, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }

    public void Dispose() => _database.Dispose();
}
