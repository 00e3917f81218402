using System.CommandLine;
using RiskEngine.Cli.Hosting;

namespace RiskEngine.Cli.Commands;

/// <summary><c>riskengine run</c>: the long-running engine against the configured Kafka, or the embedded cluster.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.ConfigFile();
        var command = new Command("run", "Run the engine: consume sign-ins, score identities, emit signed CAEP SETs (session-revoked, assurance-level-change, risk-level-change).") { config };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            await using var engine = EngineHost.Build(new EngineHostSettings { ConfigFile = parse.GetValue(config) });
            await engine.StartAsync(cancellationToken);
            await Console.Out.WriteLineAsync($"JWKS for verifying SETs: {EngineHost.JwksUri(engine)}");
            await engine.WaitForShutdownAsync(cancellationToken);
            return Environment.ExitCode;
        }));
        return command;
    }
}
