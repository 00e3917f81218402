using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Caep.Signing;
using RiskEngine.Cli.Hosting;

namespace RiskEngine.Cli.Commands;

/// <summary><c>riskengine jwks</c>: prints the public keys SETs are signed with, for verifiers that take a file.</summary>
internal static class JwksCommand
{
    public static Command Create()
    {
        var config = CommonOptions.ConfigFile();
        var command = new Command("jwks", "Print the JWKS (public keys only) that verifies the SETs this configuration signs.") { config };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            // Built, not started: only the signing key is resolved, no Kafka connection is made.
            await using var engine = EngineHost.Build(new EngineHostSettings { ConfigFile = parse.GetValue(config) });
            var keys = engine.Services.GetRequiredService<ISigningKeyProvider>();
            await Console.Out.WriteLineAsync(JsonWebKeySet.Write(keys.PublishedKeys));
            return 0;
        }));
        return command;
    }
}
