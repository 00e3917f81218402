using System.Globalization;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// Every kind of bad input a producer could send, on topics of one format, between good events: each bad
/// message reaches the dead-letter topic with its bytes, its origin and a clear reason, and the good events
/// around it are scored.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class BadInputTests(EngineFixture engine)
{
    [Fact]
    public async Task Bad_Okta_input_is_dead_lettered_with_its_reason_and_the_events_around_it_are_scored()
    {
        var key = $"okta-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var good = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var withPlaceholders = OktaSessionStart(good[1], key, now).Replace("\"ipAddress\":\"203.0.113.7\"", "\"ipAddress\":\"-\"", StringComparison.Ordinal)
            .Replace("\"city\":\"Oslo\"", "\"city\":\"\"", StringComparison.Ordinal);
        var bad = new (string Code, string Reason, byte[] Bytes)[]
        {
            ("malformed-json", "not valid JSON", Encoding.UTF8.GetBytes(OktaSessionStart("cut", key, now)[..60])),
            ("wrong-shape", "not an Okta LogEvent", Encoding.UTF8.GetBytes($$"""{"id":"{{Guid.NewGuid()}}","createdDateTime":"{{now:O}}","userId":"{{key}}","status":{"errorCode":0} }""")),
            ("invalid-field", "lat", Encoding.UTF8.GetBytes(OktaSessionStart("bad-type", key, now).Replace("\"lat\":59.91", "\"lat\":\"abc\"", StringComparison.Ordinal))),
            ("missing-identity", "actor", Encoding.UTF8.GetBytes(OktaSessionStart("no-actor", key, now).Replace($"\"id\":\"{key}\",", string.Empty, StringComparison.Ordinal))),
            ("event-too-old", "days before", Encoding.UTF8.GetBytes(OktaSessionStart("old", key, now.AddYears(-7)))),
            ("event-in-future", "after its message", Encoding.UTF8.GetBytes(OktaSessionStart("future", key, now.AddYears(5)))),
        };

        using var counter = new DeadLetterCounter();
        engine.ProduceRaw(EngineFixture.OktaTopic, key, Encoding.UTF8.GetBytes(OktaSessionStart(good[0], key, now)));
        foreach (var (_, _, bytes) in bad)
        {
            engine.ProduceRaw(EngineFixture.OktaTopic, key, bytes);
        }

        engine.ProduceRaw(EngineFixture.OktaTopic, key, Encoding.UTF8.GetBytes(withPlaceholders));
        engine.ProduceRaw(EngineFixture.OktaTopic, key, Encoding.UTF8.GetBytes(OktaSessionStart(good[2], key, now)));

        var deadLetters = ReadDeadLetters(key, bad.Length);
        await engine.Recorder.WaitForScoredAsync(good, TimeSpan.FromSeconds(30));
        Assert.Equal(bad.Select(b => b.Code), deadLetters.Select(d => Header(d, DeadLetterHeaders.ReasonCode)));
        for (var i = 0; i < bad.Length; i++)
        {
            var deadLetter = deadLetters[i];
            Assert.Contains(bad[i].Reason, Header(deadLetter, DeadLetterHeaders.Reason), StringComparison.Ordinal);
            Assert.Equal(EngineFixture.OktaTopic, Header(deadLetter, DeadLetterHeaders.SourceTopic));
            Assert.Equal(bad[i].Bytes, deadLetter.Message.Value);
            Assert.True(counter.Count(bad[i].Code) >= 1, $"the dead-letter counter missed {bad[i].Code}");
        }
    }

    [Fact]
    public async Task A_10_MB_message_is_dead_lettered_cut_to_the_dead_letter_limit_and_the_next_event_is_scored()
    {
        // On a topic of its own, and the next event on another partition: the embedded cluster keeps 5 MiB a
        // partition, so a 10 MB message evicts the messages beside it.
        var key = $"big-{Guid.NewGuid():N}";
        var next = Guid.NewGuid().ToString();
        var tenMegabytes = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");

        engine.ProduceRaw(EngineFixture.LargeMessageTopic, key, tenMegabytes, partition: 0);
        engine.ProduceRaw(EngineFixture.LargeMessageTopic, key, Encoding.UTF8.GetBytes(OktaSessionStart(next, key, DateTimeOffset.UtcNow)), partition: 1);

        await engine.Recorder.WaitForScoredAsync([next], TimeSpan.FromSeconds(30));
        var deadLetter = Assert.Single(ReadDeadLetters(key, 1));
        Assert.Equal("oversized", Header(deadLetter, DeadLetterHeaders.ReasonCode));
        Assert.Contains("exceeds the limit", Header(deadLetter, DeadLetterHeaders.Reason), StringComparison.Ordinal);
        Assert.Equal("true", Header(deadLetter, DeadLetterHeaders.Truncated));
        Assert.Equal(tenMegabytes.Length.ToString(CultureInfo.InvariantCulture), Header(deadLetter, DeadLetterHeaders.OriginalBytes));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tenMegabytes)), Header(deadLetter, DeadLetterHeaders.OriginalSha256));
        Assert.Equal(tenMegabytes[..engine.Topics.DeadLetterMaxPayloadBytes], deadLetter.Message.Value);
    }

    [Fact]
    public async Task Bad_mesh_lines_and_a_poison_string_are_dead_lettered_and_good_lines_are_scored()
    {
        var key = $"mesh-{Guid.NewGuid():N}";
        var principal = $"spiffe://cluster.local/ns/test/sa/{key}";
        var now = DateTimeOffset.UtcNow;
        var good = EnvoyLine(principal, now, "200");
        var badStatus = EnvoyLine(principal, now.AddMilliseconds(1), "\"abc\"");
        var placeholders = EnvoyLine(principal, now.AddMilliseconds(2), "\"-\"").Replace("\"user_agent\":\"curl/8.5.0\"", "\"user_agent\":\"-\"", StringComparison.Ordinal);
        var loneSurrogate = $$"""{"id":"\ud800","createdDateTime":"{{now:O}}","userId":"{{key}}","status":{"errorCode":0} }""";

        engine.ProduceRaw(EngineFixture.EnvoyTopic, key, Encoding.UTF8.GetBytes(badStatus));
        engine.ProduceRaw(EngineFixture.EnvoyTopic, key, Encoding.UTF8.GetBytes(good));
        engine.ProduceRaw(EngineFixture.EnvoyTopic, key, Encoding.UTF8.GetBytes(placeholders));
        engine.ProduceRaw(engine.Topics.SignIns, key, Encoding.UTF8.GetBytes(loneSurrogate));

        await WaitUntilScoredAsync(e => e.IdentityId == principal, count: 2);
        Assert.All(engine.Recorder.Scored.Where(s => s.Event.IdentityId == principal), s => Assert.Equal("/api/orders", s.Event.Resource));
        var deadLetters = ReadDeadLetters(key, 2).OrderBy(d => Header(d, DeadLetterHeaders.SourceTopic), StringComparer.Ordinal).ToList();
        Assert.Equal(["malformed-json", "invalid-field"], deadLetters.Select(d => Header(d, DeadLetterHeaders.ReasonCode)));
        Assert.Contains("response_code", Header(deadLetters[1], DeadLetterHeaders.Reason), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(loneSurrogate), deadLetters[0].Message.Value);
    }

    private async Task WaitUntilScoredAsync(Func<Core.Events.IdentityEvent, bool> match, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (engine.Recorder.Scored.Count(s => match(s.Event)) < count)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await Task.Delay(20);
        }
    }

    private static string EnvoyLine(string sourcePrincipal, DateTimeOffset start, string responseCode) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"start_time":"{{start.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}","method":"GET","path":"/api/orders?token=secret","protocol":"HTTP/1.1",
         "response_code":{{responseCode}},"response_flags":"-","bytes_received":0,"bytes_sent":512,"duration":3,"x_forwarded_for":"-",
         "user_agent":"curl/8.5.0","request_id":"{{Guid.NewGuid()}}","authority":"orders.test.svc:8080","upstream_host":"10.0.0.7:8080",
         "downstream_remote_address":"10.0.0.9:51234","source_principal":"{{sourcePrincipal}}","destination_principal":"spiffe://cluster.local/ns/test/sa/orders"}
        """);

    private List<ConsumeResult<byte[]?, byte[]>> ReadDeadLetters(string key, int expected)
    {
        bool IsOurs(ConsumeResult<byte[]?, byte[]> message) => message.Message.Key is { } k && Encoding.UTF8.GetString(k) == key;
        return TopicReader.ReadUntil(engine.BootstrapServers, engine.Topics.DeadLetter, read => read.Count(IsOurs) >= expected, TimeSpan.FromSeconds(30))
            .Where(IsOurs)
            .OrderBy(message => long.Parse(Header(message, DeadLetterHeaders.SourceOffset), CultureInfo.InvariantCulture))
            .ToList();
    }

    private static string Header(ConsumeResult<byte[]?, byte[]> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : string.Empty;

    private static string OktaSessionStart(string uuid, string userId, DateTimeOffset published) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"uuid":"{{uuid}}","published":"{{published.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}","eventType":"user.session.start","severity":"INFO",
         "displayMessage":"User login to Okta","actor":{"id":"{{userId}}","type":"User","alternateId":"{{userId}}@contoso.example","displayName":"Test User"},
         "client":{"ipAddress":"203.0.113.7","userAgent":{"rawUserAgent":"Mozilla/5.0","os":"Mac OS X","browser":"CHROME"},
                   "geographicalContext":{"city":"Oslo","country":"Norway","geolocation":{"lat":59.91,"lon":10.75} } },
         "outcome":{"result":"SUCCESS"},"authenticationContext":{"externalSessionId":"sess-{{userId}}"} }
        """);
}
