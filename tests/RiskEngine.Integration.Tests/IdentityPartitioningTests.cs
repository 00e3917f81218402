using System.Globalization;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using RiskEngine.Core.Policy;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// Two engine instances in one consumer group on one cluster: whichever instance decodes an event, the
/// events topic routes it by identity to the one instance whose scoring partition holds that identity's state.
/// </summary>
public sealed class IdentityPartitioningTests : IAsyncLifetime
{
    private const int SourcePartitions = 8;
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-6);

    private readonly EngineFixture _first = new();
    private readonly EngineRecorder _secondRecorder = new();
    private WebApplication? _second;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = await _first.StartEngineAsync(_first.BootstrapServers, consumerGroup: "riskengine", _secondRecorder);
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.StopAsync();
            await _second.DisposeAsync();
        }

        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Each_identity_is_scored_by_one_instance_whichever_instance_decoded_its_events()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var signIns = new List<(int Partition, string Id, string Json)>();
        var victim = $"victim-{run}";
        var identities = Enumerable.Range(0, 24).Select(i => $"user-{run}-{i}").Append(victim).ToList();
        for (var i = 0; i < identities.Count; i++)
        {
            for (var hour = 0; hour < 3; hour++)
            {
                var id = $"{identities[i]}-{hour}";
                signIns.Add(((i + hour) % SourcePartitions, id, SignIn(id, identities[i], Start.AddHours(hour), "Oslo", "NO", 59.91, 10.75)));
            }
        }

        // The takeover's two sign-ins go to source partitions the range assignor gives to different instances
        // (0-3 and 4-7 of 8), so each instance decodes one of them; only shared state can connect them.
        var home = $"{victim}-home";
        var away = $"{victim}-away";
        signIns.Add((0, home, SignIn(home, victim, Start.AddHours(4), "Oslo", "NO", 59.91, 10.75)));
        var takeover = (Partition: 5, Id: away, Json: SignIn(away, victim, Start.AddHours(4.5), "Sydney", "AU", -33.87, 151.21));

        // Events of one identity from different source partitions keep no order between them, so the takeover,
        // half an hour later in event time, is sent once the sign-in before it has been scored.
        var recorders = new[] { _first.Recorder, _secondRecorder };
        Produce(signIns);
        await WaitForScoredAsync(recorders, signIns.Select(s => s.Id), TimeSpan.FromSeconds(60));
        Produce([takeover]);
        signIns.Add(takeover);
        await WaitForScoredAsync(recorders, [away], TimeSpan.FromSeconds(30));
        // Impossible travel and a new device: a step-up or a revocation, whichever the thresholds make of them.
        await Eventually.UntilAsync(() => recorders.Any(r => r.SecurityEvents.Any(IsEnforcing)), "an enforcing SET from either instance", TimeSpan.FromSeconds(30));

        Assert.NotEqual(_first.Recorder.WasDecoded(home), _first.Recorder.WasDecoded(away));
        Assert.NotEqual(_secondRecorder.WasDecoded(home), _secondRecorder.WasDecoded(away));

        var scoredBy = recorders.Select(r => r.Scored.Select(s => s.Event.IdentityId).Where(id => id.Contains(run, StringComparison.Ordinal)).ToHashSet()).ToArray();
        Assert.All(scoredBy, identitiesScored => Assert.NotEmpty(identitiesScored));
        Assert.Empty(scoredBy[0].Intersect(scoredBy[1]));

        var action = Assert.Single(recorders.SelectMany(r => r.SecurityEvents).Where(IsEnforcing), e => e.Trigger.IdentityId.Contains(run, StringComparison.Ordinal));
        Assert.Equal(away, action.Trigger.EventId);
        Assert.Contains("impossible travel", action.Reason, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsEnforcing(SecurityEvent securityEvent) => securityEvent.Action is TrustAction.StepUp or TrustAction.RevokeSession;

    private void Produce(IEnumerable<(int Partition, string Id, string Json)> signIns)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _first.BootstrapServers }).Build();
        foreach (var (partition, _, json) in signIns)
        {
            producer.Produce(new TopicPartition(_first.Topics.SignIns, new Partition(partition)), new Message<Null, string> { Value = json });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private static Task WaitForScoredAsync(EngineRecorder[] recorders, IEnumerable<string> eventIds, TimeSpan timeout)
    {
        var pending = eventIds.ToList();
        return Eventually.UntilAsync(() => pending.RemoveAll(id => recorders.Any(r => r.WasScored(id))) >= 0 && pending.Count == 0, "every event scored by one of the instances", timeout);
    }

    private static string SignIn(string id, string userId, DateTimeOffset time, string city, string country, double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {"id":"{{id}}","createdDateTime":"{{time.UtcDateTime:O}}","userId":"{{userId}}","userPrincipalName":"{{userId}}@contoso.example",
             "ipAddress":"{{(city == "Oslo" ? "198.51.100.7" : "203.0.113.9")}}","status":{"errorCode":0},"deviceDetail":{"deviceId":"{{userId}}-{{city}}"},
             "location":{"city":"{{city}}","countryOrRegion":"{{country}}","geoCoordinates":{"latitude":{{latitude}},"longitude":{{longitude}}} } }
            """);
}
