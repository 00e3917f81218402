using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using RiskEngine.Caep;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Core.Policy;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// A wave of account takeovers far larger than the guard allows: the engine revokes until the share is passed, then
/// holds revocations as step-ups, raises one alert, and revokes again once an analyst confirms over the admin API;
/// a trip outlives a restart. The engine has a cluster of its own, so the guard's trip holds nothing the other tests expect.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class BlastRadiusGuardTests(EngineFixture fixture) : IAsyncLifetime
{
    private const string ConfirmToken = "blast-radius-confirm-token-for-tests";
    private const string ReadToken = "blast-radius-read-token-for-tests";
    private const int MinActions = 3;
    private static readonly TimeSpan ScoreTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-blast-radius-test-").FullName;
    private EngineRecorder _recorder = null!;
    private WebApplication _engine = null!;
    private Uri _admin = null!;
    private string _bootstrap = string.Empty;

    private string TokenFile => Path.Combine(_directory, "tokens");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(TokenFile, $"{ConfirmToken} blast-radius:confirm\n{ReadToken} blast-radius:read\n");
        await StartEngineAsync();
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync();
        await _engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>An engine with a cluster of its own and the test's database, which a restarted engine shares.</summary>
    private async Task StartEngineAsync()
    {
        _recorder = new EngineRecorder();
        _engine = await fixture.StartEngineAsync(string.Empty, "blast-radius", _recorder, new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _directory,
            ["BlastRadiusApi:TokenFile"] = TokenFile,
            // A day of event time holds the whole simulation; more than 5% of the active identities revoked trips the guard.
            ["Trust:BlastRadius:Window"] = "1.00:00:00",
            ["Trust:BlastRadius:MaxActionShare"] = "0.05",
            ["Trust:BlastRadius:MinActiveIdentities"] = "20",
            ["Trust:BlastRadius:MinActions"] = MinActions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _bootstrap = _engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
        _admin = EngineHost.ListenAddress(_engine);
    }

    [Fact]
    public async Task A_wave_of_revocations_is_held_as_step_ups_with_one_alert_until_an_analyst_confirms()
    {
        // 12 takeovers among 60 identities: 20% of them, four times the share allowed.
        var wave = await PublishAndScoreAsync(new SimulationOptions { Identities = 60, Takeovers = 12, Seed = 808 });

        var alert = Assert.Single(TopicReader.ReadUntil(_bootstrap, fixture.Topics.Alerts, messages => messages.Count > 0, TimeSpan.FromSeconds(30)));
        Assert.Equal("blast-radius-tripped", Encoding.ASCII.GetString(alert.Message.Key!));
        using var alertJson = JsonDocument.Parse(alert.Message.Value);
        var tripped = alertJson.RootElement;
        Assert.Equal("blast-radius-tripped", tripped.GetProperty("type").GetString());
        Assert.Contains(tripped.GetProperty("triggeringIdentityId").GetString()!, wave.Victims);
        Assert.Equal(0.05, tripped.GetProperty("maxActionShare").GetDouble());

        var decisions = _recorder.Scored.Where(scored => wave.Events.Contains(scored.Event.EventId)).ToList();
        var revoked = decisions.Where(scored => scored.Decision.Actions.HasFlag(TrustAction.RevokeSession)).Select(scored => scored.Event.IdentityId).ToHashSet();
        var held = decisions.Where(scored => scored.Decision.RevocationHeldBy is not null).Select(scored => scored.Event.IdentityId).ToHashSet();
        Assert.True(revoked.Count >= MinActions - 1, $"{revoked.Count} revocations went out before the guard tripped");
        Assert.NotEmpty(held);
        Assert.Empty(revoked.Intersect(held));
        Assert.Equal(wave.Victims.Order(StringComparer.Ordinal), revoked.Union(held).Order(StringComparer.Ordinal));
        // The alert counts the revocations let out and the one that tripped the guard, the first held.
        Assert.Equal(revoked.Count + 1, tripped.GetProperty("revocations").GetInt32());

        var sets = TopicReader.ReadUntil(_bootstrap, fixture.Topics.Revocations, messages => HeldStepUps(messages).Count() >= held.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(revoked.Order(StringComparer.Ordinal), sets.Where(SecurityEventTokens.IsSessionRevoked).Select(SecurityEventTokens.KeyOf).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(held.Order(StringComparer.Ordinal), HeldStepUps(sets).Select(SecurityEventTokens.KeyOf).Distinct().Order(StringComparer.Ordinal));

        using (var state = await SendAsync(HttpMethod.Get, ReadToken))
        {
            Assert.Equal(HttpStatusCode.OK, state.StatusCode);
            using var body = JsonDocument.Parse(await state.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("tripped").GetBoolean());
            Assert.Equal(tripped.GetProperty("triggeringEventId").GetString(), body.RootElement.GetProperty("trip").GetProperty("triggeringEventId").GetString());
        }

        using (var confirmed = await SendAsync(HttpMethod.Post, ConfirmToken, """{"author":"alice","reason":"a real credential-stuffing wave, checked with the SOC"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            using var body = JsonDocument.Parse(await confirmed.Content.ReadAsStringAsync());
            Assert.Equal("alice", body.RootElement.GetProperty("author").GetString());
            Assert.Equal(tripped.GetProperty("triggeringEventId").GetString(), body.RootElement.GetProperty("confirmed").GetProperty("triggeringEventId").GetString());
        }

        using (var again = await SendAsync(HttpMethod.Post, ConfirmToken, """{"author":"alice","reason":"twice"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // Confirmed, the guard counts afresh: two takeovers later in the day are revoked, not held.
        var after = await PublishAndScoreAsync(new SimulationOptions { Identities = 60, Takeovers = 2, Seed = 809, Start = new(2026, 11, 2, 16, 0, 0, TimeSpan.Zero) });
        Assert.Empty(after.Victims.Intersect(wave.Identities));
        var afterSets = TopicReader.ReadUntil(
            _bootstrap,
            fixture.Topics.Revocations,
            messages => after.Victims.All(victim => messages.Any(message => SecurityEventTokens.IsSessionRevoked(message) && SecurityEventTokens.KeyOf(message) == victim)),
            TimeSpan.FromSeconds(30));
        Assert.All(after.Victims, victim => Assert.Contains(afterSets, message => SecurityEventTokens.IsSessionRevoked(message) && SecurityEventTokens.KeyOf(message) == victim));
        Assert.Single(TopicReader.ReadFor(_bootstrap, fixture.Topics.Alerts, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_trip_outlives_a_restart_and_holds_until_an_analyst_confirms_it_through_the_new_engine()
    {
        await PublishAndScoreAsync(new SimulationOptions { Identities = 60, Takeovers = 12, Seed = 808 });
        var alert = Assert.Single(TopicReader.ReadUntil(_bootstrap, fixture.Topics.Alerts, messages => messages.Count > 0, TimeSpan.FromSeconds(30)));
        using var alertJson = JsonDocument.Parse(alert.Message.Value);
        var trippedBy = alertJson.RootElement.GetProperty("triggeringEventId").GetString();

        // A new engine on the same database, as after a crash or a deploy; its cluster is new, and so is its window.
        await _engine.StopAsync();
        await _engine.DisposeAsync();
        await StartEngineAsync();

        using (var state = await SendAsync(HttpMethod.Get, ReadToken))
        {
            using var body = JsonDocument.Parse(await state.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("tripped").GetBoolean());
            Assert.Equal(trippedBy, body.RootElement.GetProperty("trip").GetProperty("triggeringEventId").GetString());
        }

        // Two takeovers, far under the share: held all the same, and no second alert.
        var held = await PublishAndScoreAsync(new SimulationOptions { Identities = 60, Takeovers = 2, Seed = 809, Start = new(2026, 11, 2, 16, 0, 0, TimeSpan.Zero) });
        var heldDecisions = _recorder.Scored.Where(scored => held.Events.Contains(scored.Event.EventId)).ToList();
        Assert.DoesNotContain(heldDecisions, scored => scored.Decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.Equal(
            held.Victims.Order(StringComparer.Ordinal),
            heldDecisions.Where(scored => scored.Decision.RevocationHeldBy is not null).Select(scored => scored.Event.IdentityId).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(TopicReader.ReadFor(_bootstrap, fixture.Topics.Alerts, TimeSpan.FromSeconds(2)));

        using (var confirmed = await SendAsync(HttpMethod.Post, ConfirmToken, """{"author":"alice","reason":"a real wave, checked with the SOC"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var after = await PublishAndScoreAsync(new SimulationOptions { Identities = 60, Takeovers = 2, Seed = 810, Start = new(2026, 11, 2, 20, 0, 0, TimeSpan.Zero) });
        Assert.Equal(
            after.Victims.Order(StringComparer.Ordinal),
            _recorder.Scored.Where(scored => after.Events.Contains(scored.Event.EventId) && scored.Decision.Actions.HasFlag(TrustAction.RevokeSession))
                .Select(scored => scored.Event.IdentityId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_admin_API_refuses_a_missing_token_a_read_only_token_a_body_without_a_reason_and_an_oversized_body()
    {
        using var anonymous = await SendAsync(HttpMethod.Get, token: null);
        using var unknown = await SendAsync(HttpMethod.Get, "not-a-token");
        using var readOnly = await SendAsync(HttpMethod.Post, ReadToken, """{"author":"mallory","reason":"let them out"}""");
        using var noReason = await SendAsync(HttpMethod.Post, ConfirmToken, """{"author":"alice"}""");
        using var notJson = await SendAsync(HttpMethod.Post, ConfirmToken, "{\"author\":");
        using var oversized = await SendAsync(HttpMethod.Post, ConfirmToken, $$"""{"author":"alice","reason":"{{new string('x', 20_000)}}"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("error=\"insufficient_scope\", scope=\"blast-radius:confirm\"", readOnly.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var problem = JsonDocument.Parse(await noReason.Content.ReadAsStringAsync()))
        {
            Assert.Contains("\"reason\"", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
    }

    private static IEnumerable<ConsumeResult<byte[]?, byte[]>> HeldStepUps(IEnumerable<ConsumeResult<byte[]?, byte[]>> messages) =>
        messages.Where(message =>
            SecurityEventTokens.HeaderOf(message, RevocationHeaders.EventType) == CaepEventTypes.AssuranceLevelChange
            && ReasonOf(message).Contains("the blast-radius guard holds revocations", StringComparison.Ordinal));

    private static string ReasonOf(ConsumeResult<byte[]?, byte[]> message) =>
        SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(message)).GetProperty("events").EnumerateObject().Single().Value
            .GetProperty("reason_admin").GetProperty("en").GetString()!;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, method == HttpMethod.Get ? "/admin/blast-radius" : "/admin/blast-radius/confirm");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var http = new HttpClient { BaseAddress = _admin };
        return await http.SendAsync(request);
    }

    private async Task<(HashSet<string> Events, HashSet<string> Victims, HashSet<string> Identities)> PublishAndScoreAsync(SimulationOptions options)
    {
        var simulator = new SignInSimulator(options);
        var signIns = simulator.Generate().ToList();
        using (var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = _bootstrap, LingerMs = 5 }, fixture.Topics.SignIns))
        {
            publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
        }

        var events = signIns.Select(signIn => signIn.EventId).ToHashSet();
        await _recorder.WaitForScoredAsync(events, ScoreTimeout);
        return (events, [.. simulator.Identities.Where(identity => identity.IsTakeoverVictim).Select(identity => identity.IdentityId)], [.. simulator.Identities.Select(identity => identity.IdentityId)]);
    }
}
