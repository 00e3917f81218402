using System.Text;
using System.Text.Json;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

/// <summary>What <c>simulate --output-dir</c> writes: a file per format, the labels, the anonymizer list; the same bytes for the same options.</summary>
public sealed class TrafficWriterTests
{
    private static readonly string[] Files =
        ["entra.jsonl", "okta.jsonl", "envoy.jsonl", "linkerd.jsonl", "opa.jsonl", TrafficWriter.LabelsFile, TrafficWriter.AnonymizersFile];

    private static TrafficOptions Small(int seed = 7) => new() { Identities = 60, Seed = seed, MeshRate = 0.05 };

    [Fact]
    public void The_same_options_give_the_same_bytes_in_every_file()
    {
        var first = WriteToMemory(Small(), 1);
        var second = WriteToMemory(Small(), 1);

        Assert.Equal(Files.Order(), first.Keys.Order());
        Assert.All(Files, file => Assert.Equal(first[file], second[file]));
    }

    [Fact]
    public void Another_seed_gives_other_traffic()
    {
        var first = WriteToMemory(Small(1), 1);
        var second = WriteToMemory(Small(2), 1);

        Assert.All(Files.Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal)), file => Assert.NotEqual(first[file], second[file]));
    }

    [Fact]
    public void Every_line_of_a_format_file_is_one_message_the_decoder_accepts_and_every_event_has_a_label_line()
    {
        var files = WriteToMemory(Small(), 1);
        var decoders = DecodedRun.Decoders();
        var labels = Lines(files[TrafficWriter.LabelsFile]).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var records = new List<Sources.DecodedRecord>();
        foreach (var format in TrafficWriter.Formats)
        {
            foreach (var line in Lines(files[TrafficWriter.FileOf(format)]))
            {
                decoders[format].Decode(line, records);
            }
        }

        Assert.All(records, r => Assert.Equal(DecodeOutcome.Accepted, r.Outcome));
        Assert.Equal(
            records.Select(r => $"{r.Event!.Source}/{r.Event.EventId}").Order(),
            labels.Select(l => $"{l.GetProperty("source").GetString()}/{l.GetProperty("eventId").GetString()}").Order());
    }

    [Fact]
    public void Entra_sign_ins_can_go_in_diagnostic_settings_envelopes_of_several_records()
    {
        var files = WriteToMemory(Small(), 4);
        var envelopes = Lines(files["entra.jsonl"]).ToList();
        var records = new List<Sources.DecodedRecord>();
        foreach (var envelope in envelopes)
        {
            new Sources.Entra.EntraSignInDecoder().Decode(envelope, records);
        }

        var labels = Lines(files[TrafficWriter.LabelsFile]).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(l => l.GetProperty("source").GetString() == "EntraId")
            .Select(l => l.GetProperty("eventId").GetString())
            .ToList();

        // Every envelope but the last holds four sign-ins.
        Assert.All(envelopes, e => Assert.Equal(SourceFormat.Entra, FormatDetector.Detect(e, out _)));
        Assert.Equal((labels.Count + 3) / 4, envelopes.Count);
        Assert.All(records, r => Assert.Equal(DecodeOutcome.Accepted, r.Outcome));
        Assert.Equal(labels.Order(), records.Select(r => r.Event!.EventId).Order());
    }

    [Fact]
    public void An_envelope_is_sent_when_its_last_sign_in_happened_and_keyed_by_its_first()
    {
        var options = Small();
        var envelopes = MessageFraming.Frame(new TrafficSimulator(options).Generate(), 5, options.TenantId).Where(m => m.Format == SourceFormat.Entra).ToList();

        Assert.All(envelopes, e =>
        {
            Assert.Equal(e.Labels.Max(l => l.Time), e.Time);
            Assert.Equal(e.Labels[0].IdentityId, e.Key);
        });
        Assert.All(envelopes.Zip(envelopes.Skip(1)), pair => Assert.True(pair.First.Time <= pair.Second.Time));
    }

    [Fact]
    public void The_anonymizer_list_is_comments_then_one_address_a_line_and_the_writer_counts_the_lines()
    {
        var directory = Directory.CreateTempSubdirectory("riskengine-simulate-");
        try
        {
            var lines = TrafficWriter.Write(
                MessageFraming.Frame(new TrafficSimulator(Small()).Generate(), 1, Small().TenantId),
                name => File.Create(Path.Combine(directory.FullName, name)));

            Assert.Equal(Files.Order(), directory.GetFiles().Select(f => f.Name).Order());
            Assert.All(Files, file => Assert.Equal(lines[file], File.ReadAllLines(Path.Combine(directory.FullName, file)).Count(l => !l.StartsWith('#'))));
            var addresses = File.ReadAllLines(Path.Combine(directory.FullName, TrafficWriter.AnonymizersFile)).Where(l => !l.StartsWith('#')).ToList();
            Assert.All(addresses, a => Assert.True(System.Net.IPAddress.TryParse(a, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork, a));
            Assert.Equal(35, addresses.Distinct().Count());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_run_without_scenarios_is_ordinary_traffic_only_and_may_be_short()
    {
        var options = new TrafficOptions { Identities = 20, Duration = TimeSpan.FromHours(2), Scenarios = ScenarioMix.None, MeshRate = 0.1 };
        var messages = new TrafficSimulator(options).Generate().ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Equal((ScenarioKinds.Benign, false), (m.Label.Kind, m.Label.Malicious)));
    }

    private static Dictionary<string, byte[]> WriteToMemory(TrafficOptions options, int entraRecordsPerMessage)
    {
        var streams = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        TrafficWriter.Write(
            MessageFraming.Frame(new TrafficSimulator(options).Generate(), entraRecordsPerMessage, options.TenantId),
            name => streams[name] = new MemoryStream());
        return streams.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal);
    }

    private static IEnumerable<byte[]> Lines(byte[] file) =>
        Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes);
}
