using System.CommandLine;
using System.Data.Common;
using System.Numerics;
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

    /// <summary>Refuses a negative value with a message naming the option, before the command runs.</summary>
    public static Option<TValue> NonNegative<TValue>(this Option<TValue> option)
        where TValue : struct, INumber<TValue>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (TValue.IsNegative(result.GetValueOrDefault<TValue>()))
            {
                result.AddError($"{option.Name} must not be negative.");
            }
        });
        return option;
    }

    /// <summary>Runs a command, turning the failures a user can fix into one clear line and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (ex is LibrdkafkaNotFoundException or OptionsValidationException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or InvalidDataException or DbException)
        {
            await Console.Error.WriteLineAsync($"riskengine: {ex.Message}");
            return 2;
        }
    }
}
