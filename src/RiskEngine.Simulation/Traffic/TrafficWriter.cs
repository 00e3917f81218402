using RiskEngine.Simulation.Labels;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Traffic;

/// <summary>
/// Writes a run as files: one JSON-lines file per format (each line a message as its producer sends it), the labels
/// as JSON lines, and the sample anonymizer list. The caller opens the streams, so this does no I/O of its own.
/// </summary>
public static class TrafficWriter
{
    public const string LabelsFile = "labels.jsonl";
    public const string AnonymizersFile = "anonymizers.txt";

    /// <summary>The formats in the order their files are opened.</summary>
    public static IReadOnlyList<SourceFormat> Formats { get; } =
        [SourceFormat.Entra, SourceFormat.Okta, SourceFormat.Envoy, SourceFormat.Linkerd, SourceFormat.Opa];

    /// <summary>The file a format's messages go to: <c>entra.jsonl</c>, <c>okta.jsonl</c>, <c>envoy.jsonl</c>, <c>linkerd.jsonl</c>, <c>opa.jsonl</c>.</summary>
    public static string FileOf(SourceFormat format) => format switch
    {
        SourceFormat.Entra or SourceFormat.Okta or SourceFormat.Envoy or SourceFormat.Linkerd or SourceFormat.Opa =>
            $"{format.ToString().ToLowerInvariant()}.jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Only a concrete source format has a file."),
    };

    /// <summary>Writes every message and label; creates every file, empty or not.</summary>
    /// <param name="create">Opens a new file by name for writing; the streams are disposed here.</param>
    /// <returns>How many lines each file got (for the anonymizer list, its addresses).</returns>
    public static IReadOnlyDictionary<string, long> Write(IEnumerable<FramedMessage> messages, Func<string, Stream> create)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(create);
        var files = new Dictionary<string, Stream>(StringComparer.Ordinal);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var name in Formats.Select(FileOf).Append(LabelsFile))
            {
                files[name] = create(name);
                lines[name] = 0;
            }

            foreach (var message in messages)
            {
                WriteLine(files, lines, FileOf(message.Format), message.Payload);
                foreach (var label in message.Labels)
                {
                    WriteLine(files, lines, LabelsFile, LabelJson.Write(label));
                }
            }

            using (var anonymizers = new StreamWriter(create(AnonymizersFile)) { NewLine = "\n" })
            {
                anonymizers.Write(TrafficSimulator.AnonymizerList);
            }

            lines[AnonymizersFile] = TrafficSimulator.AnonymizerList.Split('\n').Count(line => line.Length > 0 && line[0] != '#');
            return lines;
        }
        finally
        {
            foreach (var stream in files.Values)
            {
                stream.Dispose();
            }
        }
    }

    private static void WriteLine(Dictionary<string, Stream> files, Dictionary<string, long> lines, string file, byte[] line)
    {
        var stream = files[file];
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        lines[file]++;
    }
}
