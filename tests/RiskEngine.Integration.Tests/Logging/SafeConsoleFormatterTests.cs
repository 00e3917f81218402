using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Http.Logging;

namespace RiskEngine.Integration.Tests.Logging;

public sealed class SafeConsoleFormatterTests
{
    [Fact]
    public void A_message_with_a_forged_line_and_an_escape_sequence_stays_one_visible_line()
    {
        const string identity = "eve@contoso.com\n12:00:00.000 info: RiskEngine.Scoring[0] admin@contoso.com trusted\u001b[2J";
        using var output = new StringWriter();

        new SafeConsoleFormatter().Write(
            new LogEntry<string>(LogLevel.Warning, "RiskEngine.Scoring", new EventId(7), $"revoked {identity}", null, static (state, _) => state),
            null,
            output);

        var line = Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith(
            "warn: RiskEngine.Scoring[7] revoked eve@contoso.com\\u000A12:00:00.000 info: RiskEngine.Scoring[0] admin@contoso.com trusted\\u001B[2J",
            line,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_is_written_on_the_same_line()
    {
        using var output = new StringWriter();

        new SafeConsoleFormatter().Write(
            new LogEntry<string>(LogLevel.Error, "c", default, "failed", new InvalidOperationException("bad\u001b]0;title\u0007"), static (state, _) => state),
            null,
            output);

        var line = Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("fail: c[0] failed System.InvalidOperationException: bad\\u001B]0;title\\u0007", line, StringComparison.Ordinal);
    }
}
