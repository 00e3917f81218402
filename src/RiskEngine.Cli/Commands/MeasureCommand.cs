using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Measurement;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine measure</c>: the load harness. Drives sign-ins at a steady rate through the embedded cluster
/// and the engine, and prints the latency from each takeover's sign-in to its SET on the topic, to the PEP SDK
/// refusing the session, to an SSF push receiver and to OPA's data, beside the raw Kafka round trip of the same run.
/// </summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate") { Description = "Sign-ins per second.", DefaultValueFactory = _ => 1000 }.NonNegative();
        var seconds = new Option<int>("--seconds") { Description = "How long to drive load.", DefaultValueFactory = _ => 30 }.NonNegative();
        var warmUp = new Option<int>("--warm-up") { Description = "Seconds of load before latencies are recorded (0 times a cold engine).", DefaultValueFactory = _ => 10 }.NonNegative();
        var takeoverShare = new Option<double>("--takeover-share") { Description = "Share of identities that suffer a takeover (each yields one timed revocation).", DefaultValueFactory = _ => 0.1 };
        var seed = CommonOptions.Seed();
        var config = CommonOptions.ConfigFile();
        var command = new Command("measure", "Measure the latency from sign-in to SET and to every enforcement point (PEP SDK, SSF push, OPA) at a steady rate, beside the raw Kafka round trip.") { rate, seconds, warmUp, takeoverShare, seed, config };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var eventsPerSecond = parse.GetValue(rate);
            var warmUpSeconds = parse.GetValue(warmUp);
            var total = (int)(eventsPerSecond * (parse.GetValue(seconds) + warmUpSeconds));
            var simulation = SizedPopulation(total, parse.GetValue(takeoverShare), parse.GetValue(seed));
            using var workDirectory = new TemporaryWorkDirectory();
            var manageToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await File.WriteAllTextAsync(workDirectory.File("ssf-tokens"), $"{manageToken} ssf.manage\n", cancellationToken);
            await using var opa = await OpaDataProbe.StartAsync(cancellationToken);
            var settings = new EngineHostSettings
            {
                ConfigFile = parse.GetValue(config),
                Overrides = new Dictionary<string, string?>
                {
                    ["Kafka:BootstrapServers"] = string.Empty,

                    // The in-process PEP feeding OPA fetches the JWKS from this host, so its port is chosen up front.
                    ["Http:Urls"] = $"http://127.0.0.1:{FreeLoopbackPort()}",
                    ["Ssf:Enabled"] = "true",
                    ["Ssf:AllowHttpEndpoints"] = "true",
                    ["Ssf:TokenFile"] = workDirectory.File("ssf-tokens"),
                    ["Ssf:Storage:DataDirectory"] = workDirectory.Path,
                    ["Opa:BaseUrl"] = opa.BaseUrl.ToString(),
                    ["Opa:ConsistencyCheckInterval"] = "01:00:00",
                },
            };
            await using var run = await EndToEndRun.StartAsync(settings, showEvents: false, cancellationToken);
            var caep = run.Services.GetRequiredService<IOptions<CaepOptions>>().Value;
            await using var pep = await PepProbe.StartAsync(run.BootstrapServers, run.Topics.Revocations, run.JwksUri, caep.Issuer, caep.Audiences[0], cancellationToken);
            await using var ssf = await SsfPushProbe.StartAsync(new Uri(run.JwksUri, "/"), manageToken, cancellationToken);
            var result = await run.PublishAsync(new SignInSimulator(simulation).Generate().Take(total), eventsPerSecond, TimeSpan.FromSeconds(warmUpSeconds), cancellationToken);
            await WaitForEnforcementAsync(run.Revocations.Received.Count, pep, ssf, opa, cancellationToken);
            var enforcement = EnforcementLatencies.Of(run.Revocations, pep, ssf, opa);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"""
                target {eventsPerSecond:N0} sign-ins/s: produced {result.Published:N0} in {result.PublishSeconds:F1} s ({result.AchievedRate:N0}/s), engine scored {result.Scored:N0}; {simulation.Identities:N0} identities, {simulation.Takeovers:N0} takeovers
                latencies recorded after a warm-up of {warmUpSeconds} s, from the sign-in produced to, for each of its {enforcement.Timed:N0} timed revocations:
                (a) its SET on the SET topic (consumed):         {result.EventToSet}
                (b) the PEP SDK refusing the session:            {enforcement.PepRefuses}
                (c) an SSF push receiver holding the SET:         {enforcement.SsfReceiverHas}
                (d) OPA's data holding the revocation:            {enforcement.OpaHolds}
                raw Kafka round trip, same cluster, same run:    {result.KafkaRoundTrip}
                """));
            return 0;
        }));
        return command;
    }

    // Every enforcement point should see each SET the topic probe saw; a few seconds more catch the last ones.
    private static async Task WaitForEnforcementAsync(int revocations, PepProbe pep, SsfPushProbe ssf, OpaDataProbe opa, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && Math.Min(pep.Refusing.Count, Math.Min(ssf.Received.Count, opa.Held.Count)) < revocations)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Sizes the population so the simulated day holds about as many sign-ins as the run will send, so the
    // takeovers, spread over the day, fall inside the run.
    private static SimulationOptions SizedPopulation(int total, double takeoverShare, int seed)
    {
        const int sample = 50;
        var perIdentity = new SignInSimulator(new SimulationOptions { Identities = sample, Takeovers = 0, Seed = seed }).Generate().Count() / (double)sample;
        var identities = Math.Max(10, (int)(total / perIdentity));
        return new SimulationOptions
        {
            Identities = identities,
            Takeovers = Math.Max(1, (int)(identities * takeoverShare)),
            Seed = seed,
            Start = DateTimeOffset.UtcNow,
        };
    }
}
