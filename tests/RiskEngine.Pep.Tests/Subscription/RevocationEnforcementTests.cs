using System.Net;
using Confluent.Kafka;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Pep.Tests.Fixtures;
using RiskEngine.Pep.Tokens;
using RiskEngine.Testing;

namespace RiskEngine.Pep.Tests.Subscription;

/// <summary>
/// The whole path on real parts: the engine's issuer signs SETs, they go through the embedded Kafka cluster, the PEP
/// verifies them against a JWKS served over HTTP, and the sample service answers a real HTTP client.
/// </summary>
[Collection(KafkaClusterGroup.Name)]
public sealed class RevocationEnforcementTests(KafkaClusterFixture kafka) : IAsyncLifetime
{
    // The embedded cluster keeps 5 MiB a partition: 7 messages of 900 KB push the oldest 2 or 3 out.
    private const int FillerMessages = 7;
    private const int FillerBytes = 900_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-pep-").FullName;
    private readonly SigningKey _engineKey = EngineKeys.NewKey();
    private JwksServer _jwks = null!;

    public async Task InitializeAsync() => _jwks = await JwksServer.StartAsync(_engineKey);

    [Fact]
    public async Task A_session_revoked_SET_on_the_topic_turns_the_sessions_200_into_401_with_an_invalid_token_challenge()
    {
        string topic = kafka.NewTopic();
        await using ProtectedService service = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory);
        string token = service.Token("user-1", "session-1", DateTimeOffset.UtcNow.AddMinutes(-5));
        using (HttpResponseMessage before = await service.GetHelloAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal("hello user-1 (session session-1)", await before.Content.ReadAsStringAsync());
        }

        IssuedSecurityEventToken set = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(_engineKey), "user-1", "session-1", DateTimeOffset.UtcNow);
        kafka.Produce(topic, set.SubjectKey, set.Token, set.Jti);
        await service.Observer.WaitForAsync(applied: 1, rejected: 0);

        using HttpResponseMessage after = await service.GetHelloAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The session has been revoked\"", Assert.Single(after.Headers.WwwAuthenticate).ToString());
        Assert.Equal(set.Jti, Assert.Single(service.Observer.AppliedEvents).Event.Jti);

        // Another session of the same user is untouched: the SET named one session.
        using HttpResponseMessage otherSession = await service.GetHelloAsync(service.Token("user-1", "session-2", DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.OK, otherSession.StatusCode);
    }

    [Fact]
    public async Task Forged_wrong_issuer_and_wrong_audience_SETs_are_counted_as_rejected_and_change_nothing()
    {
        string topic = kafka.NewTopic();
        await using ProtectedService service = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory);
        string token = service.Token("user-2", "session-2", DateTimeOffset.UtcNow.AddMinutes(-5));
        DateTimeOffset now = DateTimeOffset.UtcNow;

        // Forged: signed by another key but claiming the published key's kid.
        using SigningKey attackerKey = EngineKeys.NewKey();
        string genuine = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(_engineKey), "user-2", "session-2", now).Token;
        string attackerSigned = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(attackerKey), "user-2", "session-2", now).Token;
        string forged = string.Concat(genuine.AsSpan(0, genuine.IndexOf('.', StringComparison.Ordinal)), attackerSigned.AsSpan(attackerSigned.IndexOf('.', StringComparison.Ordinal)));
        kafka.Produce(topic, "user-2", forged);
        kafka.Produce(topic, "user-2", EngineKeys.SessionRevoked(EngineKeys.IssuerFor(_engineKey, issuer: "https://impostor.test"), "user-2", "session-2", now).Token);
        kafka.Produce(topic, "user-2", EngineKeys.SessionRevoked(EngineKeys.IssuerFor(_engineKey, audience: "https://other-pep.test"), "user-2", "session-2", now).Token);
        kafka.Produce(topic, "user-2", "not a token at all");

        // All go to one partition (same key), so once the last is handled the others were too.
        await service.Observer.WaitForAsync(applied: 0, rejected: 4);
        VerificationFailure[] failures = [.. service.Observer.RejectedEvents.Select(rejected => rejected.Failure)];
        Assert.Equal([VerificationFailure.BadSignature, VerificationFailure.WrongIssuer, VerificationFailure.WrongAudience, VerificationFailure.Malformed], failures);
        Assert.Empty(service.Observer.AppliedEvents);
        using HttpResponseMessage response = await service.GetHelloAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, service.Revoked.Count);
    }

    [Fact]
    public async Task A_user_wide_revocation_refuses_sessions_authenticated_before_it_and_not_a_sign_in_after_it()
    {
        string topic = kafka.NewTopic();
        await using ProtectedService service = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory);
        DateTimeOffset revokedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        string before = service.Token("user-3", "old-session", revokedAt.AddMinutes(-10), email: "Carol@Example.com");
        string sameSecond = service.Token("user-3", "same-second-session", revokedAt, email: "carol@example.com");
        string after = service.Token("user-3", "new-session", revokedAt.AddSeconds(1), email: "carol@example.com");

        // No session in the cause: the issuer writes a complex subject with the user (as email) alone.
        IssuedSecurityEventToken set = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(_engineKey), "user-3", session: null, revokedAt, email: "carol@example.com");
        kafka.Produce(topic, set.SubjectKey, set.Token, set.Jti);
        await service.Observer.WaitForAsync(applied: 1, rejected: 0);

        using HttpResponseMessage refused = await service.GetHelloAsync(before);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("sign in again", Assert.Single(refused.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        using HttpResponseMessage refusedSameSecond = await service.GetHelloAsync(sameSecond);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedSameSecond.StatusCode);
        using HttpResponseMessage allowed = await service.GetHelloAsync(after);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_unknown_kid_fetches_the_JWKS_once_and_made_up_kids_cannot_make_it_fetch_again_within_the_interval()
    {
        string topic = kafka.NewTopic();
        await using ProtectedService service = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory);
        Assert.Equal(1, service.Keys.FetchCount);

        // Rotation: the engine publishes a new key, then signs with it; the PEP learns it from the SET's kid.
        using SigningKey rotated = EngineKeys.NewKey();
        _jwks.Publish(_engineKey, rotated);
        IssuedSecurityEventToken set = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(rotated), "user-4", "session-4", DateTimeOffset.UtcNow);
        kafka.Produce(topic, set.SubjectKey, set.Token, set.Jti);
        await service.Observer.WaitForAsync(applied: 1, rejected: 0);
        Assert.Equal(2, service.Keys.FetchCount);
        Assert.Equal(2, _jwks.Requests);

        // Ten SETs under keys never published: held for the next permitted fetch (a minute away), none fetches now.
        using SigningKey unpublished = EngineKeys.NewKey();
        SecurityEventTokenIssuer flood = EngineKeys.IssuerFor(unpublished);
        for (int i = 0; i < 10; i++)
        {
            kafka.Produce(topic, "user-4", EngineKeys.SessionRevoked(flood, "user-4", $"flood-{i}", DateTimeOffset.UtcNow).Token);
        }

        IssuedSecurityEventToken marker = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(rotated), "user-4", "after-flood", DateTimeOffset.UtcNow);
        kafka.Produce(topic, "user-4", marker.Token, marker.Jti);
        await service.Observer.WaitForAsync(applied: 2, rejected: 0);
        Assert.Equal(2, _jwks.Requests);
        Assert.Empty(service.Observer.RejectedEvents);
        using HttpResponseMessage response = await service.GetHelloAsync(service.Token("user-4", "session-4", DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_restarted_PEP_rebuilds_its_revocations_from_the_topic_before_it_reports_caught_up()
    {
        string topic = kafka.NewTopic();
        SecurityEventTokenIssuer issuer = EngineKeys.IssuerFor(_engineKey);
        string token;
        await using (ProtectedService first = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory))
        {
            token = first.Token("user-5", "session-5", DateTimeOffset.UtcNow.AddMinutes(-5));
            for (int i = 0; i < 5; i++)
            {
                IssuedSecurityEventToken set = EngineKeys.SessionRevoked(issuer, $"user-{i}-other", $"session-{i}-other", DateTimeOffset.UtcNow);
                kafka.Produce(topic, set.SubjectKey, set.Token, set.Jti);
            }

            IssuedSecurityEventToken revocation = EngineKeys.SessionRevoked(issuer, "user-5", "session-5", DateTimeOffset.UtcNow);
            kafka.Produce(topic, revocation.SubjectKey, revocation.Token, revocation.Jti);
            await first.Observer.WaitForAsync(applied: 6, rejected: 0);
        }

        await using ProtectedService restarted = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory);

        // StartAsync waited for CaughtUp: the six revocations are back without any new SET.
        Assert.Equal(6, restarted.Revoked.Snapshot().Count);
        using HttpResponseMessage response = await restarted.GetHelloAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revocation_stops_being_enforced_once_its_lifetime_has_passed()
    {
        string topic = kafka.NewTopic();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using ProtectedService service = await ProtectedService.StartAsync(
            kafka.BootstrapServers, topic, _jwks.Uri, _directory, time, new Dictionary<string, string?> { ["Pep:RevocationLifetime"] = "01:00:00" });
        DateTimeOffset revokedAt = time.GetUtcNow().AddMinutes(-1);
        string token = service.Token("user-6", "session-6", revokedAt.AddMinutes(-5));
        IssuedSecurityEventToken set = EngineKeys.SessionRevoked(EngineKeys.IssuerFor(_engineKey), "user-6", "session-6", revokedAt);
        kafka.Produce(topic, set.SubjectKey, set.Token, set.Jti);
        await service.Observer.WaitForAsync(applied: 1, rejected: 0);
        using (HttpResponseMessage revoked = await service.GetHelloAsync(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        // Revoked one minute ago with a one-hour lifetime: 58 minutes on it still holds, 60 minutes on it has expired.
        time.Advance(TimeSpan.FromMinutes(58));
        using (HttpResponseMessage stillRevoked = await service.GetHelloAsync(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stillRevoked.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        using HttpResponseMessage expired = await service.GetHelloAsync(token);
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal(1, service.Revoked.RemoveExpired());
    }

    /// <summary>
    /// A PEP that falls further behind than the SET topic's retention loses the revocations removed before it read them.
    /// It must say so, and go on from the oldest SET still kept rather than from the newest, so that it loses nothing more.
    /// </summary>
    [Fact]
    public async Task A_position_retention_removed_is_counted_and_reading_goes_on_from_the_oldest_SET_kept()
    {
        string topic = kafka.NewTopic();
        await using ProtectedService service = await ProtectedService.StartAsync(kafka.BootstrapServers, topic, _jwks.Uri, _directory, settings: new Dictionary<string, string?>
        {
            // The client prefetches one message at most, so its position stays about where the PEP stalled.
            ["Pep:Kafka:Properties:queued.max.messages.kbytes"] = "1",
        });
        SecurityEventTokenIssuer issuer = EngineKeys.IssuerFor(_engineKey);

        // The PEP stalls on a first revocation while its subject's partition grows past retention behind it.
        service.Observer.Gate.Reset();
        IssuedSecurityEventToken first = EngineKeys.SessionRevoked(issuer, "user-7", "session-7", DateTimeOffset.UtcNow);
        kafka.Produce(topic, first.SubjectKey, first.Token, first.Jti);
        await service.Observer.WaitForAsync(applied: 1, rejected: 0);
        ProduceFiller(topic, first.SubjectKey);
        IssuedSecurityEventToken kept = EngineKeys.SessionRevoked(issuer, "user-7", "session-8", DateTimeOffset.UtcNow);
        kafka.Produce(topic, kept.SubjectKey, kept.Token, kept.Jti);
        Assert.Equal(0, service.Subscriber.OffsetResets);

        service.Observer.Gate.Set();
        await service.Observer.WaitForAsync(applied: 2, rejected: 1);

        Assert.Equal(1, service.Subscriber.OffsetResets);
        Assert.Equal([first.Jti, kept.Jti], service.Observer.AppliedEvents.Select(applied => applied.Event.Jti));
        // Only the fillers retention removed went unread: the one prefetched before the stall and those still kept were read.
        Assert.InRange(service.Observer.RejectedEvents.Count, 1, FillerMessages - 1);
        using HttpResponseMessage response = await service.GetHelloAsync(service.Token("user-7", "session-8", DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _jwks.DisposeAsync();
        _engineKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void ProduceFiller(string topic, string key)
    {
        using IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        for (int i = 0; i < FillerMessages; i++)
        {
            producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = new byte[FillerBytes] });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }
}
