using Microsoft.Extensions.Logging;

namespace RiskEngine.Cli.Hosting;

/// <summary>What a command decides about the engine host it starts, on top of configuration.</summary>
public sealed record EngineHostSettings
{
    /// <summary>A JSON configuration file layered over ./riskengine.json.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Values that win over every other source, as configuration keys ("Kafka:BootstrapServers").</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}
