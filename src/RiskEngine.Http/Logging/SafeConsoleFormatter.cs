using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using RiskEngine.Core.Text;

namespace RiskEngine.Http.Logging;

/// <summary>
/// One line per log entry, as the simple console formatter writes it single-line
/// (<c>HH:mm:ss.fff info: Category[EventId] message</c>), but with the message and exception passed through
/// <see cref="TerminalText.Safe"/>: log messages carry identities, reasons and receivers' answers that attackers
/// control, and a CR/LF in one would forge a log line, an ESC sequence repaint the operator's terminal.
/// </summary>
public sealed class SafeConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "riskengine-safe";

    public SafeConsoleFormatter()
        : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(TerminalText.Safe(logEntry.Category));
        textWriter.Write(string.Create(CultureInfo.InvariantCulture, $"[{logEntry.EventId.Id}] "));
        textWriter.Write(TerminalText.Safe(message));
        if (logEntry.Exception is { } exception)
        {
            // The stack trace's own line breaks become spaces, as the simple formatter's single-line mode does.
            textWriter.Write(' ');
            textWriter.Write(TerminalText.Safe(exception.ToString().ReplaceLineEndings(" ")));
        }

        textWriter.Write(Environment.NewLine);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
