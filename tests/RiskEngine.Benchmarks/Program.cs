using System.Globalization;
using BenchmarkDotNet.Running;
using RiskEngine.Benchmarks.Functions;
using RiskEngine.Benchmarks.Scoring;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;
using RiskEngine.Simulation;

// Load harnesses beside the BenchmarkDotNet suites: "scoring" (the full scoring step in steady state),
// "state-size [identities]" (memory held per identity), "checkpoint [identities]" (checkpoint size and time) and "functions [batches] [concurrency]" (the Azure Functions
// handler over loopback, 100-event batches).
switch (args)
{
    case ["scoring", ..]:
        var identities = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var simulator = new SignInSimulator(new SimulationOptions { Identities = identities, Takeovers = 2, Duration = TimeSpan.FromDays(2) });
        var decoder = new EntraSignInDecoder();
        var records = new List<DecodedRecord>();
        foreach (var signIn in simulator.Generate())
        {
            decoder.Decode(signIn.Payload, records);
        }

        ScoringLoadHarness.Run([.. records.Select(r => r.Event!)], $"two days of simulated sign-ins of {identities:N0} identities");
        break;
    case ["state-size", ..]:
        StateSizeHarness.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case ["checkpoint", ..]:
        await CheckpointHarness.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case ["functions", ..]:
        await FunctionsLoadHarness.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        break;
}
