using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace RiskEngine.Http.Logging;

public static class SafeConsoleLoggingExtensions
{
    /// <summary>Console logging through <see cref="SafeConsoleFormatter"/>: one line per entry, control characters escaped.</summary>
    public static ILoggingBuilder AddSafeConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .AddConsole(console => console.FormatterName = SafeConsoleFormatter.FormatterName)
            .AddConsoleFormatter<SafeConsoleFormatter, ConsoleFormatterOptions>();
    }
}
