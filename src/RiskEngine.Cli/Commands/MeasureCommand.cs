using System.CommandLine;
using System.Globalization;
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
        var seconds = new Option<int>("--seconds") { Description = "How long to drive load. The sign-ins are generated before the run (about 2.5 KB each) unless --report-every makes it a soak.", DefaultValueFactory = _ => 30 }.NonNegative();
        var warmUp = new Option<int>("--warm-up") { Description = "Seconds of load before latencies are recorded (0 times a cold engine).", DefaultValueFactory = _ => 10 }.NonNegative();
        var takeoverShare = new Option<double>("--takeover-share") { Description = "Share of identities that suffer a takeover (each yields one timed revocation).", DefaultValueFactory = _ => 0.1 };
        var setTopicOnly = new Option<bool>("--set-topic-only") { Description = "Run the engine alone and time only the SET on the topic: no SSF transmitter, PEP or OPA mirror sharing the machine." };
        var identities = new Option<int>("--identities") { Description = "A fixed population of this many identities, its days simulated back to back for as long as the run (0: sized so one day fills the run)." }.NonNegative();
        var reportEvery = new Option<int>("--report-every") { Description = "With --set-topic-only, print the events scored, the scoring backlog and the process's memory every so many seconds (a soak)." }.NonNegative();
        var seed = CommonOptions.Seed();
        var config = CommonOptions.ConfigFile();
        var command = new Command("measure", "Measure the latency from sign-in to SET and to every enforcement point (PEP SDK, SSF push, OPA) at a steady rate, beside the raw Kafka round trip.") { rate, seconds, warmUp, takeoverShare, setTopicOnly, identities, reportEvery, seed, config };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var eventsPerSecond = parse.GetValue(rate);
            var warmUpSeconds = parse.GetValue(warmUp);
            var total = (int)(eventsPerSecond * (parse.GetValue(seconds) + warmUpSeconds));
            var simulation = parse.GetValue(identities) is > 0 and var fixedPopulation
                ? FixedPopulation(fixedPopulation, total, parse.GetValue(takeoverShare), parse.GetValue(seed))
                : SizedPopulation(total, parse.GetValue(takeoverShare), parse.GetValue(seed));
            var soakReport = parse.GetValue(reportEvery) is > 0 and var every ? TimeSpan.FromSeconds(every) : (TimeSpan?)null;
            var generated = new SignInSimulator(simulation).Generate().Take(total);
            var signIns = soakReport is null ? Pregenerate(generated) : generated;
            var population = string.Create(CultureInfo.InvariantCulture, $"{simulation.Identities:N0} identities, {simulation.Takeovers:N0} takeovers");
            if (parse.GetValue(setTopicOnly))
            {
                var alone = await EnforcementMeasurement.SetTopicOnlyAsync(
                    parse.GetValue(config),
                    signIns,
                    eventsPerSecond,
                    TimeSpan.FromSeconds(warmUpSeconds),
                    soakReport,
                    cancellationToken);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"""
                    {Produced(eventsPerSecond, alone)}; {population}
                    latencies recorded after a warm-up of {warmUpSeconds} s, engine alone (no SSF transmitter, PEP or OPA mirror)
                    event-to-SET (sign-in produced -> SET consumed): {alone.EventToSet}
                    raw Kafka round trip, same cluster, same run:    {alone.KafkaRoundTrip}
                    """));
                return 0;
            }

            var (result, enforcement) = await EnforcementMeasurement.RunAsync(
                parse.GetValue(config), signIns, eventsPerSecond, TimeSpan.FromSeconds(warmUpSeconds), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"""
                {Produced(eventsPerSecond, result)}; {population}
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

    // A timed run generates its sign-ins before it starts, so that generating them (about a tenth of a core and a third of
    // the process's allocations at 10,000/s) takes nothing from the engine it times, nor adds to its collections; a soak
    // streams them, so the memory it reports is the engine's. The collection leaves them in the oldest generation, where
    // the run's collections do not copy them again.
    private static SimulatedSignIn[] Pregenerate(IEnumerable<SimulatedSignIn> signIns)
    {
        SimulatedSignIn[] all = [.. signIns];
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return all;
    }

    private static string Produced(double eventsPerSecond, RunResult result) => string.Create(CultureInfo.InvariantCulture,
        $"target {eventsPerSecond:N0} sign-ins/s: produced {result.Published:N0} in {result.PublishSeconds:F1} s ({result.AchievedRate:N0}/s), engine scored {result.Scored:N0}");

    // A population that stays the same however long the run, so its state stops growing once each identity has been
    // seen: what a soak needs to tell a leak from a population still arriving. Its days are simulated back to back,
    // doubled until they hold the run (an identity signs in mostly in working hours, so sign-ins do not grow in step).
    private static SimulationOptions FixedPopulation(int identities, int total, double takeoverShare, int seed)
    {
        var duration = new SimulationOptions().Duration;
        while (SignInsPerIdentity(seed, duration) * identities < total)
        {
            duration *= 2;
        }

        return new SimulationOptions
        {
            Identities = identities,
            Takeovers = Math.Max(1, (int)(identities * takeoverShare)),
            Seed = seed,
            Start = DateTimeOffset.UtcNow,
            Duration = duration,
            TakeoverSpread = WholeRun(duration),
        };
    }

    private static double SignInsPerIdentity(int seed, TimeSpan duration)
    {
        const int sample = 50;
        return new SignInSimulator(new SimulationOptions { Identities = sample, Takeovers = 0, Seed = seed, Duration = duration }).Generate().Count() / (double)sample;
    }

    // Sizes the population so the simulated day holds about as many sign-ins as the run will send, so the
    // takeovers, spread over the day, fall inside the run.
    private static SimulationOptions SizedPopulation(int total, double takeoverShare, int seed)
    {
        var day = new SimulationOptions().Duration;
        var identities = Math.Max(10, (int)(total / SignInsPerIdentity(seed, day)));
        return new SimulationOptions
        {
            Identities = identities,
            Takeovers = Math.Max(1, (int)(identities * takeoverShare)),
            Seed = seed,
            Start = DateTimeOffset.UtcNow,
            TakeoverSpread = WholeRun(day),
        };
    }

    // Takeovers from the first hour to the end of the run, not only in its first three hours: latencies are recorded
    // after the warm-up, and a longer warm-up must still leave takeovers to time.
    private static TimeSpan WholeRun(TimeSpan duration) => duration - SimulationOptions.MinimumDurationWithTakeovers;
}
