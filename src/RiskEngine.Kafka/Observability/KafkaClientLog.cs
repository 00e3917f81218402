using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Kafka.Observability;

/// <summary>
/// What librdkafka logs, in the engine's own log; without a handler it writes to standard error, outside the structured
/// log. Called on librdkafka's threads, so it must stay quick and touch no client.
/// </summary>
public static partial class KafkaClientLog
{
    /// <summary>
    /// Whether <paramref name="message"/> is librdkafka resetting a partition's position after the broker refused it,
    /// as it does when retention removed the messages at that position before they were read: they are lost to the
    /// consumer. Resets for want of a committed offset, where nothing is lost, are only debug-logged and never match.
    /// </summary>
    public static bool IsOffsetReset(LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Level <= SyslogLevel.Warning
            && message.Facility == "OFFSET"
            && message.Message.Contains("offset reset", StringComparison.Ordinal);
    }

    /// <param name="component">What the client belongs to: a stage's name, or the PEP's.</param>
    public static void Forward(ILogger logger, string component, string client, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var level = (LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging);
        LogClientMessage(logger, level, component, client, message.Facility, message.Message);
    }

    [LoggerMessage(Message = "{Component} {Client}: librdkafka {Facility}: {Text}")]
    private static partial void LogClientMessage(ILogger logger, LogLevel level, string component, string client, string facility, string text);
}
