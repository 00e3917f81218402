using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Cli.Publishing;

/// <summary><c>simulate --output-dir</c>: a run written as files instead of produced to Kafka.</summary>
public static class TrafficDirectory
{
    /// <summary>
    /// Writes the run of <paramref name="simulator"/> into <paramref name="directory"/> (created if missing; files of
    /// the same names replaced): one JSON-lines file per format, <c>labels.jsonl</c> and <c>anonymizers.txt</c>.
    /// </summary>
    /// <returns>How many lines each file got.</returns>
    public static IReadOnlyDictionary<string, long> Write(string directory, TrafficSimulator simulator, int entraRecordsPerMessage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(simulator);
        Directory.CreateDirectory(directory);
        var messages = MessageFraming.Frame(simulator.Generate(), entraRecordsPerMessage, simulator.Options.TenantId);
        return TrafficWriter.Write(messages, name => new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));
    }
}
