using System.CommandLine;
using System.Globalization;
using Confluent.Kafka;
using RiskEngine.Cli.Publishing;
using RiskEngine.Kafka.Native;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine simulate</c>: users signing in through Entra and Okta, workloads on Istio and Linkerd, OPA deciding
/// for PEPs; with attacks, benign look-alikes and a label for every event. Produced to the topics the engine reads,
/// or written as files.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var outputDir = new Option<string?>("--output-dir")
        {
            Description = "Write one JSON-lines file per format (entra, okta, envoy, linkerd, opa .jsonl), labels.jsonl and anonymizers.txt here, instead of producing to Kafka.",
        };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = "The cluster to produce to (host:port,...)." };
        var topic = new Option<string>("--topic")
        {
            Description = "The topic for sign-ins and access logs (formats detected per message).",
            DefaultValueFactory = _ => "riskengine.signins",
        };
        var decisionsTopic = new Option<string>("--decisions-topic") { Description = "The topic for OPA decisions.", DefaultValueFactory = _ => "riskengine.decisions" };
        var identities = new Option<int>("--identities") { Description = "Number of users.", DefaultValueFactory = _ => 200 };
        var oktaShare = new Option<double>("--okta-share") { Description = "Share of users signing in through Okta; the rest use Entra ID.", DefaultValueFactory = _ => 0.4 };
        var hours = new Option<double>("--hours") { Description = "Event-time length of the run, in hours (at least 24 with scenarios).", DefaultValueFactory = _ => 24 };
        var start = new Option<DateTimeOffset?>("--start")
        {
            Description = "Event time the run starts (ISO 8601). Default: 2026-11-02T00:00:00Z with --output-dir, now when producing to Kafka.",
        };
        var meshRate = new Option<double>("--mesh-rate") { Description = "Multiplies the rate of ordinary mesh requests (about 30 a minute at 1).", DefaultValueFactory = _ => 1 };
        var attacks = new Option<string>("--attacks")
        {
            Description = $"'all', 'none', or kind[=count],... of: {string.Join(", ", ScenarioKinds.Attacks)}.",
            DefaultValueFactory = _ => "all",
        };
        var lookAlikes = new Option<string>("--look-alikes")
        {
            Description = $"'all', 'none', or kind[=count],... of: {string.Join(", ", ScenarioKinds.LookAlikes)}.",
            DefaultValueFactory = _ => "all",
        };
        var rate = new Option<double>("--rate") { Description = "Messages per second produced to Kafka; 0 for as fast as possible.", DefaultValueFactory = _ => 500 };
        var records = new Option<int>("--records-per-message")
        {
            Description = "1 sends Graph signIn objects; more sends Entra sign-ins in Azure Monitor {\"records\":[...]} envelopes of that many, as Event Hubs delivers them.",
            DefaultValueFactory = _ => 1,
        };
        var labelsFile = new Option<string?>("--labels") { Description = "When producing to Kafka: write the labels (JSON lines) to this file." };
        var seed = CommonOptions.Seed();
        var command = new Command("simulate", "Simulate users, workloads and policy decisions in every input format, with attacks, benign look-alikes and labels; produce them to Kafka or write them to files.")
        {
            outputDir, bootstrap, topic, decisionsTopic, identities, oktaShare, hours, start, meshRate, attacks, lookAlikes, rate, records, labelsFile, seed,
        };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var directory = parse.GetValue(outputDir);
            var servers = parse.GetValue(bootstrap);
            if ((directory is null) == (servers is null))
            {
                await Console.Error.WriteLineAsync("riskengine: give either --output-dir or --bootstrap-servers.");
                return 2;
            }

            TrafficSimulator simulator;
            try
            {
                simulator = new TrafficSimulator(new TrafficOptions
                {
                    Identities = parse.GetValue(identities),
                    OktaShare = parse.GetValue(oktaShare),
                    Duration = TimeSpan.FromHours(parse.GetValue(hours)),
                    Start = parse.GetValue(start) ?? (directory is null ? DateTimeOffset.UtcNow : new TrafficOptions().Start),
                    Seed = parse.GetValue(seed),
                    MeshRate = parse.GetValue(meshRate),
                    Scenarios = ScenarioMix.Parse(parse.GetValue(attacks)!, parse.GetValue(lookAlikes)!),
                });
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                await Console.Error.WriteLineAsync($"riskengine: {ex.Message}");
                return 2;
            }

            var perMessage = parse.GetValue(records);
            if (perMessage < 1)
            {
                await Console.Error.WriteLineAsync("riskengine: --records-per-message must be at least 1.");
                return 2;
            }

            foreach (var instance in simulator.Scenarios)
            {
                await Console.Out.WriteLineAsync($"{instance.Id}: {string.Join(", ", instance.Targets)}");
            }

            if (directory is not null)
            {
                var lines = await Task.Run(() => TrafficDirectory.Write(directory, simulator, perMessage), cancellationToken);
                foreach (var (file, count) in lines)
                {
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Path.Combine(directory, file)}: {count:N0} lines"));
                }

                return 0;
            }

            Librdkafka.EnsureLoaded();
            var labelsPath = parse.GetValue(labelsFile);
            await using var labels = labelsPath is null ? null : new FileStream(labelsPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            var published = await Task.Run(
                () => TrafficPublisher.Publish(
                    simulator,
                    perMessage,
                    new ProducerConfig { BootstrapServers = servers, LingerMs = 5 },
                    parse.GetValue(topic)!,
                    parse.GetValue(decisionsTopic)!,
                    parse.GetValue(rate),
                    labels,
                    cancellationToken),
                cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"published {published:N0} messages to {parse.GetValue(topic)} and {parse.GetValue(decisionsTopic)}"));
            return 0;
        }));
        return command;
    }
}
