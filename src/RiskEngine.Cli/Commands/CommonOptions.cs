using System.CommandLine;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka.Native;

namespace RiskEngine.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> ConfigFile() => new("--config")
    {
        Description = "A JSON configuration file, layered over ./riskengine.json and under RISKENGINE_* environment variables.",
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Seed of the simulated population; the same seed gives the same traffic.",
        DefaultValueFactory = _ => 7,
    };

    /// <summary>Runs a command, turning the failures a user can fix into one clear line and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (ex is LibrdkafkaNotFoundException or OptionsValidationException or FileNotFoundException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"riskengine: {ex.Message}");
            return 2;
        }
    }
}
