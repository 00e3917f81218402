using System.CommandLine;
using Confluent.Kafka;
using RiskEngine.Cli.Publishing;
using RiskEngine.Kafka.Native;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Commands;

/// <summary><c>riskengine simulate</c>: realistic Entra sign-in traffic, with account takeovers, into any Kafka cluster.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "The cluster to produce to (host:port,...).", Required = true };
        var topic = new Option<string>("--topic") { Description = "The sign-in topic.", DefaultValueFactory = _ => "riskengine.signins" };
        var identities = new Option<int>("--identities") { Description = "Size of the population.", DefaultValueFactory = _ => 200 };
        var takeovers = new Option<int>("--takeovers") { Description = "How many identities suffer an account takeover.", DefaultValueFactory = _ => 2 };
        var rate = new Option<double>("--rate") { Description = "Sign-ins per second; 0 for as fast as possible.", DefaultValueFactory = _ => 500 };
        var records = new Option<int>("--records-per-message")
        {
            Description = "1 sends Graph signIn objects; more sends Azure Monitor {\"records\":[...]} envelopes of that many sign-ins, as Event Hubs delivers them.",
            DefaultValueFactory = _ => 1,
        };
        var seed = CommonOptions.Seed();
        var command = new Command("simulate", "Produce simulated Entra ID sign-ins, including account takeovers, to a Kafka topic.")
        {
            bootstrap, topic, identities, takeovers, rate, records, seed,
        };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            Librdkafka.EnsureLoaded();
            var options = new SimulationOptions
            {
                Identities = parse.GetValue(identities),
                Takeovers = parse.GetValue(takeovers),
                Seed = parse.GetValue(seed),
                Start = DateTimeOffset.UtcNow,
            };
            var simulator = new SignInSimulator(options);
            var perMessage = parse.GetValue(records);
            var signIns = perMessage <= 1
                ? simulator.Generate()
                : simulator.Generate().Chunk(perMessage).Select(batch => batch[0] with { Payload = SignInSimulator.EncodeEnvelope(batch, options.TenantId) });
            using var publisher = new SignInPublisher(
                new ProducerConfig { BootstrapServers = parse.GetValue(bootstrap), EnableIdempotence = true, LingerMs = 5 },
                parse.GetValue(topic)!);
            var published = await Task.Run(() => publisher.Publish(signIns, parse.GetValue(rate), null, cancellationToken), cancellationToken);
            foreach (var victim in simulator.Identities.Where(identity => identity.IsTakeoverVictim))
            {
                await Console.Out.WriteLineAsync($"takeover victim: {victim.UserPrincipalName} ({victim.IdentityId})");
            }

            await Console.Out.WriteLineAsync($"published {published:N0} messages to {parse.GetValue(topic)}");
            return 0;
        }));
        return command;
    }
}
