using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Cli.Hosting;
using RiskEngine.Core.Text;
using RiskEngine.Core.Trust;
using RiskEngine.Storage;
using RiskEngine.Thresholds.Hosting;
using RiskEngine.Thresholds.Storage;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine thresholds show|set|history|rollback</c>: the analysts' thresholds, versioned in the database the
/// engine reads ("Database"); a running engine applies a new version within a second, without a restart.
/// </summary>
internal static class ThresholdsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.ConfigFile();
        config.Recursive = true;
        var command = new Command("thresholds", "Show, change, list and roll back the stored thresholds (levels, action thresholds, weights).");
        command.Options.Add(config);
        command.Subcommands.Add(Show(config));
        command.Subcommands.Add(Set(config));
        command.Subcommands.Add(History(config));
        command.Subcommands.Add(Rollback(config));
        return command;
    }

    private static Command Show(Option<string?> config)
    {
        var version = new Option<int?>("--version") { Description = "A stored version; default the one in force." };
        var show = new Command("show", "Print a thresholds document (the one in force, or --version) to standard output; who set it, when and why to standard error.") { version };
        show.SetAction((parse, cancellationToken) => RunAsync(parse, config, async (store, configured, output) =>
        {
            var found = parse.GetValue(version) is { } number
                ? await store.GetAsync(number, cancellationToken) ?? throw new ThresholdRefusedException([$"there is no version {number}"])
                : await store.CurrentAsync(cancellationToken);
            await parse.InvocationConfiguration.Error.WriteLineAsync(found is null
                ? "version 0: no version stored, these are the configured Trust settings"
                : Describe(found));
            await output.WriteLineAsync((found?.Thresholds ?? ThresholdSettings.Of(configured)).ToJson());
            return 0;
        }));
        return show;
    }

    private static Command Set(Option<string?> config)
    {
        var file = new Option<FileInfo>("--file") { Description = "The thresholds document (schemas/thresholds.schema.json).", Required = true };
        var (author, reason) = Change();
        var set = new Command("set", "Store a thresholds document as the next version, once it makes sense with the configured Trust settings.") { file, author, reason };
        set.SetAction((parse, cancellationToken) => RunAsync(parse, config, async (store, configured, output) =>
        {
            var path = parse.GetValue(file)!.FullName;
            ThresholdSettings thresholds;
            try
            {
                thresholds = ThresholdSettings.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (JsonException ex)
            {
                throw new ThresholdRefusedException([$"{path} is not a thresholds document: {ex.Message}"]);
            }

            var stored = await store.SaveAsync(thresholds, configured, new ThresholdChange(parse.GetValue(author)!, parse.GetValue(reason)!), cancellationToken);
            await output.WriteLineAsync($"stored {Describe(stored)}");
            return 0;
        }));
        return set;
    }

    private static Command History(Option<string?> config)
    {
        var limit = new Option<int>("--limit") { Description = "How many versions, newest first.", DefaultValueFactory = _ => 20 };
        var history = new Command("history", "List the stored versions, newest first: when, who, why.") { limit };
        history.SetAction((parse, cancellationToken) => RunAsync(parse, config, async (store, _, output) =>
        {
            foreach (var version in await store.HistoryAsync(Math.Max(1, parse.GetValue(limit)), cancellationToken))
            {
                await output.WriteLineAsync(Describe(version));
            }

            return 0;
        }));
        return history;
    }

    private static Command Rollback(Option<string?> config)
    {
        var to = new Option<int>("--to") { Description = "The version whose thresholds to restore.", Required = true };
        var (author, reason) = Change();
        var rollback = new Command("rollback", "Store an earlier version's thresholds again, as the next version (history is never rewritten).") { to, author, reason };
        rollback.SetAction((parse, cancellationToken) => RunAsync(parse, config, async (store, configured, output) =>
        {
            var stored = await store.RollbackAsync(parse.GetValue(to), configured, new ThresholdChange(parse.GetValue(author)!, parse.GetValue(reason)!), cancellationToken);
            await output.WriteLineAsync($"stored {Describe(stored)}");
            return 0;
        }));
        return rollback;
    }

    private static (Option<string> Author, Option<string> Reason) Change() => (
        new Option<string>("--author") { Description = "Who makes the change; kept with the version.", Required = true },
        new Option<string>("--reason") { Description = "Why; kept with the version.", Required = true });

    private static string Describe(ThresholdVersion version) => string.Create(CultureInfo.InvariantCulture,
        $"version {version.Version}  {version.CreatedAt:yyyy-MM-dd HH:mm:ss}Z  {TerminalText.Safe(version.Author)}: {TerminalText.Safe(version.Reason)}{(version.RolledBackFrom is { } from ? $" (rollback to version {from})" : string.Empty)}");

    private static Task<int> RunAsync(ParseResult parse, Option<string?> config, Func<ThresholdStore, TrustOptions, TextWriter, Task<int>> run) => CommonOptions.RunAsync(async () =>
    {
        var configuration = new ConfigurationManager();
        EngineHost.AddConfiguration(configuration, new EngineHostSettings { ConfigFile = parse.GetValue(config) });
        await using var services = new ServiceCollection()
            .AddRiskEngineDatabase(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ThresholdStore>()
            .BuildServiceProvider();
        var store = services.GetRequiredService<ThresholdStore>();
        try
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
            return await run(store, new ConfiguredTrustSettings(configuration).Current(), parse.InvocationConfiguration.Output);
        }
        catch (ThresholdRefusedException ex)
        {
            foreach (var reason in ex.Reasons)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"riskengine thresholds: {reason}");
            }

            return 2;
        }
    });
}
