using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Replay.Tests.Replaying;

/// <summary>A day of simulated traffic of every format, written once per test class as the files <c>riskengine simulate --output-dir</c> writes.</summary>
public sealed class RecordedTraffic : IDisposable
{
    public RecordedTraffic()
    {
        var simulator = new TrafficSimulator(new TrafficOptions { Seed = 31, Identities = 60, Duration = TimeSpan.FromDays(1) });
        TrafficWriter.Write(
            MessageFraming.Frame(simulator.Generate(), entraRecordsPerMessage: 5, simulator.Options.TenantId),
            name => new FileStream(Path.Combine(Directory, name), FileMode.Create, FileAccess.Write));
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("riskengine-replay-").FullName;

    /// <summary>The recorded file of each format, in the order <see cref="TrafficWriter.Formats"/> lists them.</summary>
    public IReadOnlyList<string> Files => [.. TrafficWriter.Formats.Select(format => Path.Combine(Directory, TrafficWriter.FileOf(format)))];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
