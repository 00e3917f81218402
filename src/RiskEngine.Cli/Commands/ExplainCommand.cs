using System.CommandLine;
using RiskEngine.Audit.Reporting;

namespace RiskEngine.Cli.Commands;

/// <summary><c>riskengine explain</c>: an identity's recorded score changes and the signals behind each.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var options = new AuditQueryOptions();
        var identity = new Argument<string>("identity") { Description = "The identity id the engine scored (an Entra object id, an Okta user id, a SPIFFE ID)." };
        var command = new Command("explain", "Show an identity's score history from the decision audit: each recorded change, its scores, actions, thresholds and signals.")
        {
            identity,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var who = parse.GetRequiredValue(identity);
            var changes = ScoreChange.Of(await options.ReadAsync(parse, who, cancellationToken));
            var output = parse.InvocationConfiguration.Output;
            await (parse.GetValue(options.Json)
                ? ScoreHistoryReport.WriteJsonLinesAsync(output, changes)
                : ScoreHistoryReport.WriteTextAsync(output, who, changes));
            return 0;
        }));
        return command;
    }
}
