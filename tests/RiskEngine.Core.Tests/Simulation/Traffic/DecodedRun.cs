using System.Text.Json;
using RiskEngine.Core.Events;
using RiskEngine.Simulation.Labels;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;
using RiskEngine.Sources.Mesh;
using RiskEngine.Sources.Okta;
using RiskEngine.Sources.Opa;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

/// <summary>A simulated run, every message read back by the engine's own decoders (default options), as the engine would read it.</summary>
internal sealed class DecodedRun
{
    private DecodedRun(TrafficSimulator simulator, IReadOnlyList<SimulatedMessage> messages, IReadOnlyList<(SimulatedMessage Message, DecodedRecord Record)> records)
    {
        Simulator = simulator;
        Messages = messages;
        Records = records;
        Events = [.. records.Where(r => r.Record.Outcome == DecodeOutcome.Accepted).Select(r => (r.Message.Label, r.Record.Event!))];
    }

    /// <summary>
    /// The run the tests judge: a day and a half, 160 users, the default scenario mix, ordinary mesh traffic at a
    /// fifth of its rate (the attacks keep theirs).
    /// </summary>
    public static DecodedRun Standard { get; } = Of(new TrafficOptions { Identities = 160, Duration = TimeSpan.FromHours(36), MeshRate = 0.2 });

    public TrafficSimulator Simulator { get; }

    public IReadOnlyList<SimulatedMessage> Messages { get; }

    /// <summary>Every record the decoders gave, with the message it came from.</summary>
    public IReadOnlyList<(SimulatedMessage Message, DecodedRecord Record)> Records { get; }

    /// <summary>The accepted events with the labels of their messages.</summary>
    public IReadOnlyList<(EventLabel Label, IdentityEvent Event)> Events { get; }

    public static DecodedRun Of(TrafficOptions options)
    {
        var simulator = new TrafficSimulator(options);
        var messages = simulator.Generate().ToList();
        var decoders = Decoders();
        var records = new List<(SimulatedMessage, DecodedRecord)>(messages.Count);
        var buffer = new List<DecodedRecord>();
        foreach (var message in messages)
        {
            buffer.Clear();
            decoders[message.Format].Decode(message.Payload, buffer);
            records.AddRange(buffer.Select(record => (message, record)));
        }

        return new DecodedRun(simulator, messages, records);
    }

    public static Dictionary<SourceFormat, IEventDecoder> Decoders() => new()
    {
        [SourceFormat.Entra] = new EntraSignInDecoder(),
        [SourceFormat.Okta] = new OktaLogEventDecoder(),
        [SourceFormat.Envoy] = new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions()),
        [SourceFormat.Linkerd] = new LinkerdAccessLogDecoder(),
        [SourceFormat.Opa] = new OpaDecisionLogDecoder(),
    };

    /// <summary>The raw JSON of the message <paramref name="label"/> labels.</summary>
    public JsonElement Json(EventLabel label)
    {
        using var document = JsonDocument.Parse(Messages.First(m => m.Label == label).Payload);
        return document.RootElement.Clone();
    }

    /// <summary>The events of the scenario instances of <paramref name="kind"/>, each instance's in time order.</summary>
    public IEnumerable<IGrouping<string, (EventLabel Label, IdentityEvent Event)>> Instances(string kind) =>
        Events.Where(e => e.Label.Kind == kind).GroupBy(e => e.Label.ScenarioId!);

    /// <summary>The decoded events of <paramref name="identityId"/>, in time order.</summary>
    public List<(EventLabel Label, IdentityEvent Event)> Of(string identityId) => [.. Events.Where(e => e.Event.IdentityId == identityId)];
}
