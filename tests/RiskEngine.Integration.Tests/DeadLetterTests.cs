using System.Globalization;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Integration.Tests;

[Collection(SharedEngine.Name)]
public sealed class DeadLetterTests(EngineFixture engine)
{
    [Fact]
    public async Task Malformed_messages_are_dead_lettered_with_their_bytes_and_reason_while_later_messages_are_scored()
    {
        var key = $"dlq-{Guid.NewGuid():N}";
        var notJson = "this is not JSON {"u8.ToArray();
        var wrongShape = """{"greeting":"hello","count":3}"""u8.ToArray();
        var oversized = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', EngineFixture.MaxMessageBytes + 1024) + "\"}");
        var badRecord = """{"category":"SignInLogs","time":"2026-11-02T08:00:05Z","properties":{"id":"no-identity"}}""";
        var envelopeSignInId = Guid.NewGuid().ToString();
        var envelope = Encoding.UTF8.GetBytes($$"""{"records":[{"category":"SignInLogs","properties":{{SignIn(envelopeSignInId, key)}}},{{badRecord}}]}""");
        var afterId = Guid.NewGuid().ToString();

        // One key, so one partition: the valid sign-in is behind every bad message.
        engine.ProduceRaw(key, notJson);
        engine.ProduceRaw(key, wrongShape);
        engine.ProduceRaw(key, oversized);
        engine.ProduceRaw(key, envelope);
        engine.ProduceRaw(key, Encoding.UTF8.GetBytes(SignIn(afterId, key)));

        await engine.Recorder.WaitForScoredAsync([envelopeSignInId, afterId], TimeSpan.FromSeconds(30));
        var deadLetters = TopicReader.ReadUntil(
                engine.BootstrapServers,
                engine.Topics.DeadLetter,
                read => read.Count(IsOurs) >= 4,
                TimeSpan.FromSeconds(30))
            .Where(IsOurs)
            .OrderBy(message => long.Parse(Header(message, DeadLetterHeaders.SourceOffset), CultureInfo.InvariantCulture))
            .ThenBy(message => Header(message, DeadLetterHeaders.RecordIndex), StringComparer.Ordinal)
            .ToList();

        Assert.Equal(4, deadLetters.Count);
        AssertDeadLetter(deadLetters[0], notJson, "malformed-json", "not valid JSON", recordIndex: "-1");
        AssertDeadLetter(deadLetters[1], wrongShape, "unknown-format", "no known format", recordIndex: "-1");
        AssertDeadLetter(deadLetters[2], oversized, "oversized", "exceeds the limit", recordIndex: "-1");
        AssertDeadLetter(deadLetters[3], Encoding.UTF8.GetBytes(badRecord), "missing-identity", "names no identity", recordIndex: "1");
        Assert.All(deadLetters, message => Assert.Equal(engine.Topics.SignIns, Header(message, DeadLetterHeaders.SourceTopic)));

        bool IsOurs(ConsumeResult<byte[]?, byte[]> message) => message.Message.Key is { } k && Encoding.UTF8.GetString(k) == key;
    }

    private static void AssertDeadLetter(ConsumeResult<byte[]?, byte[]> message, byte[] original, string code, string reason, string recordIndex)
    {
        Assert.Equal(original, message.Message.Value);
        Assert.Equal(code, Header(message, DeadLetterHeaders.ReasonCode));
        Assert.Contains(reason, Header(message, DeadLetterHeaders.Reason), StringComparison.Ordinal);
        Assert.Equal(recordIndex, Header(message, DeadLetterHeaders.RecordIndex));
    }

    private static string Header(ConsumeResult<byte[]?, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(name));

    private static string SignIn(string id, string userId) => $$"""
        {"id":"{{id}}","createdDateTime":"{{DateTime.UtcNow:O}}","userId":"{{userId}}","userPrincipalName":"{{userId}}@contoso.example",
         "ipAddress":"198.51.100.7","status":{"errorCode":0},
         "location":{"city":"Oslo","countryOrRegion":"NO","geoCoordinates":{"latitude":59.91,"longitude":10.75} } }
        """;
}
