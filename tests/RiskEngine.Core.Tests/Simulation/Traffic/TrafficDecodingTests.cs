using System.Text;
using RiskEngine.Core.Events;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

/// <summary>The simulated messages as the engine reads them: with its own decoders and format detection.</summary>
public sealed class TrafficDecodingTests
{
    private static DecodedRun Run => DecodedRun.Standard;

    [Fact]
    public void Every_message_decodes_to_exactly_one_event_with_no_rejection_or_skip()
    {
        var refused = Run.Records.Where(r => r.Record.Outcome != DecodeOutcome.Accepted)
            .Select(r => $"{r.Message.Format} {r.Record.Outcome} {r.Record.Code} {r.Record.Reason}: {Encoding.UTF8.GetString(r.Message.Payload)}")
            .Take(5)
            .ToList();

        Assert.Empty(refused);
        Assert.Equal(Run.Messages.Count, Run.Records.Count);
    }

    [Fact]
    public void Every_format_is_present_and_detected_as_itself()
    {
        Assert.All(TrafficWriter.Formats, format => Assert.Contains(Run.Messages, m => m.Format == format));
        Assert.All(Run.Messages, message => Assert.Equal(message.Format, FormatDetector.Detect(message.Payload, out _)));
    }

    [Fact]
    public void Labels_join_one_to_one_to_the_decoded_events_by_source_and_event_id()
    {
        var labels = Run.Messages.Select(m => m.Label).ToDictionary(l => (l.Source, l.EventId));

        Assert.Equal(Run.Messages.Count, labels.Count);
        Assert.All(Run.Events, decoded =>
        {
            var label = labels[(decoded.Event.Source, decoded.Event.EventId)];
            Assert.Same(decoded.Label, label);
            Assert.Equal(label.IdentityId, decoded.Event.IdentityId);
            Assert.Equal(label.Time, decoded.Event.Timestamp);
        });
    }

    [Fact]
    public void Users_are_split_between_entra_and_okta_and_workloads_between_istio_and_linkerd()
    {
        var users = Run.Events.Where(e => e.Event.Source is EventSource.EntraId or EventSource.Okta)
            .GroupBy(e => e.Event.IdentityId)
            .Select(g => g.Select(e => e.Event.Source).Distinct().Single())
            .ToList();

        // 40% of 160 users sign in through Okta: 64; every user signs in on the first day of the run.
        Assert.Equal(160, users.Count);
        Assert.Equal(64, users.Count(s => s == EventSource.Okta));
        Assert.Contains(Run.Events, e => e.Event.Source == EventSource.Envoy && e.Event.IdentityId.StartsWith("spiffe://cluster.local/ns/", StringComparison.Ordinal));
        Assert.Contains(Run.Events, e => e.Event.Source == EventSource.Linkerd && e.Event.IdentityId.EndsWith(".serviceaccount.identity.linkerd.cluster.local", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_decisions_name_the_users_and_workloads_the_other_sources_do()
    {
        var subjects = Run.Events.Where(e => e.Event.Source == EventSource.Opa).Select(e => e.Event.IdentityId).ToHashSet(StringComparer.Ordinal);
        var others = Run.Events.Where(e => e.Event.Source != EventSource.Opa).Select(e => e.Event.IdentityId).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(others, subjects);
        Assert.Contains(subjects, s => s.StartsWith("spiffe://", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.StartsWith("00u", StringComparison.Ordinal));
        Assert.Contains(subjects, s => Guid.TryParse(s, out _));
    }

    [Fact]
    public void Each_format_and_the_labels_come_in_non_decreasing_event_time_within_the_run()
    {
        var options = Run.Simulator.Options;
        Assert.All(Run.Messages.GroupBy(m => m.Format), stream =>
            Assert.All(stream.Zip(stream.Skip(1)), pair => Assert.True(pair.First.Time <= pair.Second.Time, $"{stream.Key}: {pair.Second.Label.EventId} before {pair.First.Label.EventId}")));
        Assert.All(Run.Messages, m => Assert.InRange(m.Time, options.Start, options.Start + options.Duration - TimeSpan.FromTicks(1)));
    }
}
