using System.Text;
using RiskEngine.Simulation;

namespace RiskEngine.ReferenceData.Tests.Models;

/// <summary>Benign simulated sign-ins written as an event file, one Graph signIn per line.</summary>
internal static class SimulatedEventFile
{
    public static string Write(string directory, int identities = 40, int seed = 11, string name = "signins.jsonl")
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = identities, Takeovers = 0, Seed = seed, Duration = TimeSpan.FromHours(8) });
        var path = Path.Combine(directory, name);
        File.WriteAllLines(path, simulator.Generate().Select(signIn => Encoding.UTF8.GetString(signIn.Payload)));
        return path;
    }
}
