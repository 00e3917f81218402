using RiskEngine.Audit.Records;
using RiskEngine.Audit.Reporting;

namespace RiskEngine.Audit.Tests.Reporting;

/// <summary>Identities and reasons come from attacker-controlled input; printed raw they could forge lines or repaint the terminal.</summary>
public sealed class TerminalOutputTests
{
    private const string Forged = "eve\r\nadmin  RevokeSession\u001b[2J\u202Emoc.lanretni";

    [Fact]
    public async Task The_audit_table_prints_control_characters_as_escapes()
    {
        var decision = new AuditedDecision
        {
            Jti = "j1",
            Identity = Forged,
            EventTime = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
            Action = "RevokeSession",
            EventType = "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
            RecordedAt = new DateTimeOffset(2026, 3, 1, 9, 0, 1, TimeSpan.Zero),
        };
        using var output = new StringWriter { NewLine = "\n" };

        await AuditListing.WriteTableAsync(output, [decision]);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("eve\\u000D\\u000Aadmin  RevokeSession\\u001B[2J\\u202Emoc.lanretni", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public async Task The_score_history_prints_control_characters_as_escapes()
    {
        using var output = new StringWriter { NewLine = "\n" };

        await ScoreHistoryReport.WriteTextAsync(output, Forged, []);

        Assert.Equal("No recorded decisions for eve\\u000D\\u000Aadmin  RevokeSession\\u001B[2J\\u202Emoc.lanretni.\n", output.ToString());
    }
}
