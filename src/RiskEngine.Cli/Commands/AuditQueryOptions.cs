using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Audit.Records;
using RiskEngine.Audit.Storage;
using RiskEngine.Cli.Hosting;
using RiskEngine.Storage;

namespace RiskEngine.Cli.Commands;

/// <summary>The options <c>audit</c> and <c>explain</c> share to pick decisions from the audit store, and its opening.</summary>
internal sealed class AuditQueryOptions
{
    public Option<string?> Config { get; } = CommonOptions.ConfigFile();

    public Option<DateTimeOffset?> From { get; } = Time("--from", "Only decisions whose event happened at or after this time (ISO 8601; UTC unless it says otherwise).");

    public Option<DateTimeOffset?> To { get; } = Time("--to", "Only decisions whose event happened before this time (ISO 8601; UTC unless it says otherwise).");

    public Option<int> Limit { get; } = Positive(new Option<int>("--limit")
    {
        Description = "At most this many decisions, the earliest first.",
        DefaultValueFactory = _ => AuditQuery.DefaultLimit,
    });

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON lines instead of text." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Config);
        command.Options.Add(From);
        command.Options.Add(To);
        command.Options.Add(Limit);
        command.Options.Add(Json);
    }

    /// <summary>The decisions of <paramref name="identity"/> (everyone's when null) the parsed options select.</summary>
    public async Task<IReadOnlyList<AuditedDecision>> ReadAsync(ParseResult parse, string? identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        // The engine's configuration, of which only the "Database" section is read (and validated).
        var configuration = new ConfigurationManager();
        EngineHost.AddConfiguration(configuration, new EngineHostSettings { ConfigFile = parse.GetValue(Config) });
        await using var services = new ServiceCollection().AddRiskEngineDatabase(configuration).BuildServiceProvider();
        var store = new DecisionAuditStore(services.GetRequiredService<ISqlDialect>());
        await store.EnsureSchemaAsync(cancellationToken);
        return await store.QueryAsync(
            new AuditQuery { Identity = identity, From = parse.GetValue(From), To = parse.GetValue(To), Limit = parse.GetValue(Limit) },
            cancellationToken);
    }

    private static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return time;
            }

            result.AddError($"{name} '{text}' is not an ISO 8601 time such as 2026-03-01T09:30:00Z.");
            return null;
        },
    };

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{option.Name} must be at least 1.");
            }
        });
        return option;
    }
}
