using System.CommandLine;
using System.Globalization;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Measurement;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine measure</c>: the load harness. Drives sign-ins at a steady rate through the embedded cluster
/// and the engine, and prints event-to-SET latency beside the raw Kafka round trip of the same run.
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
        var command = new Command("measure", "Measure event-to-SET latency at a steady rate, beside the raw Kafka round trip.") { rate, seconds, warmUp, takeoverShare, seed, config };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var eventsPerSecond = parse.GetValue(rate);
            var warmUpSeconds = parse.GetValue(warmUp);
            var total = (int)(eventsPerSecond * (parse.GetValue(seconds) + warmUpSeconds));
            var simulation = SizedPopulation(total, parse.GetValue(takeoverShare), parse.GetValue(seed));
            var settings = new EngineHostSettings
            {
                ConfigFile = parse.GetValue(config),
                Overrides = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = string.Empty, ["Http:Urls"] = "http://127.0.0.1:0" },
            };
            await using var run = await EndToEndRun.StartAsync(settings, showEvents: false, cancellationToken);
            var result = await run.PublishAsync(new SignInSimulator(simulation).Generate().Take(total), eventsPerSecond, TimeSpan.FromSeconds(warmUpSeconds), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"""
                target {eventsPerSecond:N0} sign-ins/s: produced {result.Published:N0} in {result.PublishSeconds:F1} s ({result.AchievedRate:N0}/s), engine scored {result.Scored:N0}; {simulation.Identities:N0} identities, {simulation.Takeovers:N0} takeovers
                latencies recorded after a warm-up of {warmUpSeconds} s
                event-to-SET (sign-in produced -> SET consumed): {result.EventToSet}
                raw Kafka round trip, same cluster, same run:    {result.KafkaRoundTrip}
                """));
            return 0;
        }));
        return command;
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
