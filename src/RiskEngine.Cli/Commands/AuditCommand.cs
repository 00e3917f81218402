using System.CommandLine;
using RiskEngine.Audit.Reporting;

namespace RiskEngine.Cli.Commands;

/// <summary><c>riskengine audit</c>: lists the decisions the audit recorded, by identity and event time.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var options = new AuditQueryOptions();
        var identity = new Option<string?>("--identity") { Description = "Only this identity's decisions." };
        var command = new Command("audit", "List the actions the engine took (every SET it issued), from the decision audit in the Database section's store.")
        {
            identity,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var decisions = await options.ReadAsync(parse, parse.GetValue(identity), cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            await (parse.GetValue(options.Json)
                ? AuditListing.WriteJsonLinesAsync(output, decisions)
                : AuditListing.WriteTableAsync(output, decisions));
            return 0;
        }));
        return command;
    }
}
