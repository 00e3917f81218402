using System.Net;
using System.Text;
using System.Text.Json;
using RiskEngine.Caep;
using RiskEngine.Functions.Tests.Fixtures;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Functions.Tests.Hosting;

/// <summary>
/// The handler served over loopback as the Functions host calls it, with the scoring stage on the same embedded
/// cluster: batches decoded onto the identity-keyed events topic, SETs issued from them, bad records dead-lettered.
/// </summary>
public sealed class EventHubBatchHandlerTests(FunctionsFixture fixture) : IClassFixture<FunctionsFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Failed_sign_ins_over_two_invocations_plain_and_string_wrapped_step_the_user_up()
    {
        // Five wrong passwords in four minutes: failed-sign-in-burst, 30 x 1.5 = 45, trust 100 - 45 = 55, below the
        // internal row's RiskLevelChange (80) and StepUp (60) but not Revoke (40). Three come in one envelope of many
        // records (plain array), two in two envelopes of a string-wrapped batch: the state carries across invocations.
        const string user = "u-burst-1";
        var failures = Enumerable.Range(0, 5).Select(i => Bodies.EntraRecord($"burst-{i}", user, Start.AddMinutes(i), 50126)).ToArray();
        var first = await PostAsync("SignIns", InvocationPayload.Build("SignIns", "entra-signins", 3, 100, [Bodies.EntraEnvelope(failures[..3])], Start.AddMinutes(3), wrapped: false));
        var second = await PostAsync("SignIns", InvocationPayload.Build("SignIns", "entra-signins", 3, 101,
            [Bodies.EntraEnvelope(failures[3]), Bodies.EntraEnvelope(failures[4])], Start.AddMinutes(5), wrapped: true));

        Assert.Equal((HttpStatusCode.OK, 3, 0), (first.Status, first.Decoded, first.DeadLettered));
        Assert.Equal((HttpStatusCode.OK, 2, 0), (second.Status, second.Decoded, second.DeadLettered));
        var sets = await fixture.Sets.WaitForAsync(user, 2, Wait);
        Assert.Equal(
            [CaepEventTypes.AssuranceLevelChange, CaepEventTypes.RiskLevelChange],
            sets.Select(s => s.Token.EventType).Order(StringComparer.Ordinal));
        Assert.All(sets, s => Assert.Equal("burst-4", s.Trigger.EventId));
        Assert.All(sets, s => Assert.Contains("failed sign-in burst: 5 failures in 10 min", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Eleven_opa_denies_in_one_batch_raise_the_subjects_risk()
    {
        // More than 10 denies in 5 min: deny-burst, 25 x 1.8 = 45, trust 55: a step-up and a risk level change.
        const string user = "mallory-functions";
        var decisions = Enumerable.Range(0, 11).Select(i => Bodies.OpaDecision($"deny-{i}", user, Start.AddSeconds(10 * i), allowed: false)).ToArray();
        var answer = await PostAsync("OpaDecisions", InvocationPayload.Build("OpaDecisions", "opa-decisions", 0, 7, decisions, Start.AddMinutes(2), wrapped: false));

        Assert.Equal((HttpStatusCode.OK, 11, 0), (answer.Status, answer.Decoded, answer.DeadLettered));
        var sets = await fixture.Sets.WaitForAsync(user, 2, Wait);
        Assert.Contains(sets, s => s.Token.EventType == CaepEventTypes.AssuranceLevelChange);
        Assert.All(sets, s => Assert.Contains("11 OPA denies in 5 min", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Envoy_access_logs_are_routed_to_the_events_topic_keyed_by_workload()
    {
        const string workload = "spiffe://cluster.local/ns/functions/sa/sleep";
        var lines = Enumerable.Range(0, 3).Select(i => Bodies.EnvoyLine($"req-{i}", workload, Start.AddSeconds(i))).ToArray();
        var answer = await PostAsync("MeshAccessLogs", InvocationPayload.Build("MeshAccessLogs", "istio-access-logs", 1, 40, lines, Start.AddSeconds(5), wrapped: true));

        Assert.Equal((HttpStatusCode.OK, 3, 0), (answer.Status, answer.Decoded, answer.DeadLettered));
        var routed = TopicMessages.Read(fixture.BootstrapServers, fixture.Topics.Events, m => m.Message.Key == workload, 3, Wait);
        Assert.Equal(3, routed.Count);
        Assert.All(routed, m => Assert.Equal("istio-access-logs", TopicMessages.Header(m, EventHeaders.SourceTopic)));
        Assert.Equal(["40", "41", "42"], routed.Select(m => TopicMessages.Header(m, EventHeaders.SourceOffset)!).Order(StringComparer.Ordinal));
        // One identity, one partition of the events topic, whatever Event Hubs partition the logs came from.
        Assert.Single(routed.Select(m => m.Partition.Value).Distinct());
    }

    [Fact]
    public async Task A_poisoned_batch_dead_letters_its_bad_records_with_reasons_and_routes_the_rest()
    {
        const string user = "u-poison-1";
        var good = Bodies.EntraRecord("poison-good-1", user, Start, 0);
        var noIdentity = Bodies.EntraRecord("poison-no-user", string.Empty, Start, 0)
            .Replace("\"userId\":\"\",\"userPrincipalName\":\"@contoso.com\",", string.Empty, StringComparison.Ordinal);
        var bodies = new[] { Bodies.EntraEnvelope(good), "{\"records\":[{\"time\":", Bodies.EntraEnvelope(noIdentity, Bodies.EntraRecord("poison-good-2", user, Start.AddMinutes(1), 0)) };
        var answer = await PostAsync("SignIns", InvocationPayload.Build("SignIns", "entra-poison", 5, 900, bodies, Start.AddMinutes(2), wrapped: false));

        Assert.Equal((HttpStatusCode.OK, 2, 2), (answer.Status, answer.Decoded, answer.DeadLettered));
        var deadLetters = TopicMessages.Read(fixture.BootstrapServers, fixture.Topics.DeadLetter, m => TopicMessages.Header(m, DeadLetterHeaders.SourceTopic) == "entra-poison", 2, Wait)
            .OrderBy(m => TopicMessages.Header(m, DeadLetterHeaders.SourceOffset), StringComparer.Ordinal).ToList();
        Assert.Equal(2, deadLetters.Count);
        Assert.Equal(("malformed-json", "901", "5", "-1"), (
            TopicMessages.Header(deadLetters[0], DeadLetterHeaders.ReasonCode),
            TopicMessages.Header(deadLetters[0], DeadLetterHeaders.SourceOffset),
            TopicMessages.Header(deadLetters[0], DeadLetterHeaders.SourcePartition),
            TopicMessages.Header(deadLetters[0], DeadLetterHeaders.RecordIndex)));
        Assert.Equal(bodies[1], Encoding.UTF8.GetString(deadLetters[0].Message.Value));
        Assert.Equal(("902", "0"), (TopicMessages.Header(deadLetters[1], DeadLetterHeaders.SourceOffset), TopicMessages.Header(deadLetters[1], DeadLetterHeaders.RecordIndex)));
        Assert.Contains("poison-no-user", Encoding.UTF8.GetString(deadLetters[1].Message.Value), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(TopicMessages.Header(deadLetters[1], DeadLetterHeaders.Reason)));

        var routed = TopicMessages.Read(fixture.BootstrapServers, fixture.Topics.Events, m => m.Message.Key == user, 2, Wait);
        Assert.Equal(["900", "902"], routed.Select(m => TopicMessages.Header(m, EventHeaders.SourceOffset)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_invocation_is_kept_byte_for_byte_before_the_answer()
    {
        var request = "{\"Data\":{\"events\":[\"cut short"u8.ToArray();
        using var response = await fixture.Client.PostAsync(new Uri("/SignIns", UriKind.Relative), new ByteArrayContent(request));
        var summary = await Summary(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = summary.GetProperty("StoredAt").GetString()!;
        Assert.Equal(request, await File.ReadAllBytesAsync(stored));
        Assert.Contains("not valid JSON", await File.ReadAllTextAsync(stored + ".reason.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_function_is_refused_and_its_batch_kept()
    {
        var payload = InvocationPayload.Build("Okta", "okta", 0, 1, [Bodies.EntraEnvelope()], Start, wrapped: false);
        using var response = await fixture.Client.PostAsync(new Uri("/Okta", UriKind.Relative), new StringContent(payload));
        var summary = await Summary(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(payload, await File.ReadAllTextAsync(summary.GetProperty("StoredAt").GetString()!));
    }

    private async Task<(HttpStatusCode Status, int Decoded, int DeadLettered)> PostAsync(string function, string payload)
    {
        using var response = await fixture.Client.PostAsync(new Uri("/" + function, UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
        var summary = await Summary(response);
        return (response.StatusCode, summary.GetProperty("Decoded").GetInt32(), summary.GetProperty("DeadLettered").GetInt32());
    }

    internal static async Task<JsonElement> Summary(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("Logs").ValueKind);
        return document.RootElement.GetProperty("ReturnValue").Clone();
    }
}
