using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Measurement;
using RiskEngine.Simulation;
using Spectre.Console;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine demo</c>: the embedded cluster, the engine and the simulator together, showing events scored,
/// each revocation with its reason as it is emitted, and the measured event-to-revocation latency.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var identities = new Option<int>("--identities") { Description = "Size of the simulated population.", DefaultValueFactory = _ => 200 };
        var takeovers = new Option<int>("--takeovers") { Description = "How many identities suffer an account takeover.", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--rate") { Description = "Sign-ins per second.", DefaultValueFactory = _ => 400 };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the cluster and engine up after the simulation, until Ctrl+C, so kcat or a PEP can connect." };
        var seed = CommonOptions.Seed();
        var config = CommonOptions.ConfigFile();
        var command = new Command("demo", "Run the embedded cluster, the engine and the simulator together, and watch takeovers being revoked.")
        {
            identities, takeovers, rate, keepRunning, seed, config,
        };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var simulation = new SimulationOptions
            {
                Identities = parse.GetValue(identities),
                Takeovers = parse.GetValue(takeovers),
                Seed = parse.GetValue(seed),
                Start = DateTimeOffset.UtcNow,
            };
            var simulator = new SignInSimulator(simulation);
            var settings = new EngineHostSettings
            {
                ConfigFile = parse.GetValue(config),
                Overrides = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = string.Empty, ["Http:Urls"] = "http://127.0.0.1:0" },
            };
            await using var run = await EndToEndRun.StartAsync(settings, showEvents: true, cancellationToken);
            AnsiConsole.MarkupLine($"[bold]RiskEngine demo[/]: embedded Kafka at [cyan]{run.BootstrapServers}[/], JWKS at [cyan]{run.JwksUri}[/]");
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Simulating {0} identities ({1} account takeovers) at {2} sign-ins/s; revocations appear as a PEP on the SET topic receives them.\n",
                simulation.Identities, simulation.Takeovers, parse.GetValue(rate));
            run.Revocations.Revoked += received => AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                "        [green]PEP received[/] SET {0} for {1}{2}\n",
                received.Jti,
                Markup.Escape(received.Subject),
                received.LatencyMilliseconds is { } latency ? string.Create(CultureInfo.InvariantCulture, $": {latency:F1} ms after the sign-in was produced") : string.Empty);

            using var progress = new Timer(_ => AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                "[grey]scored {0:N0} sign-ins, {1} revocations, {2} dead letters[/]", run.Console.Scored, run.Console.Revocations, run.Console.DeadLetters), null, 1000, 1000);
            var result = await run.PublishAsync(simulator.Generate(), parse.GetValue(rate), warmUp: TimeSpan.Zero, cancellationToken);
            await progress.DisposeAsync();

            var victims = simulator.Identities.Where(identity => identity.IsTakeoverVictim).Select(identity => identity.UserPrincipalName).ToHashSet(StringComparer.Ordinal);
            var revoked = run.Revocations.Received.Select(received => received.Subject).ToHashSet(StringComparer.Ordinal);
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[bold]Scored[/] {0:N0} sign-ins in {1:F1} s; {2} revocations, {3} dead letters.", result.Scored, result.PublishSeconds, run.Console.Revocations, run.Console.DeadLetters);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[bold]Takeovers revoked[/]: {0} of {1}; benign identities revoked: {2}.", victims.Count(revoked.Contains), victims.Count, revoked.Count(subject => !victims.Contains(subject)));
            AnsiConsole.MarkupLine($"[bold]Event-to-revocation latency[/] (sign-in produced to SET consumed): {result.EventToSet}");
            AnsiConsole.MarkupLine($"[bold]Raw Kafka round trip[/] on the same cluster meanwhile: {result.KafkaRoundTrip}");
            if (parse.GetValue(keepRunning))
            {
                AnsiConsole.MarkupLine("Still running; press Ctrl+C to stop.");
                await run.WaitForShutdownAsync(cancellationToken);
            }

            return 0;
        }));
        return command;
    }
}
