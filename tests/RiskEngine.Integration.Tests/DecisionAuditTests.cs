using RiskEngine.Audit.Records;
using RiskEngine.Audit.Storage;
using RiskEngine.Core.Policy;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;
using RiskEngine.Storage;

namespace RiskEngine.Integration.Tests;

[Collection(SharedEngine.Name)]
public sealed class DecisionAuditTests(EngineFixture engine)
{
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_revocation_of_an_account_takeover_is_in_the_audit_as_it_went_onto_the_SET_topic()
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 30, Takeovers = 1, Seed = 505 });
        var signIns = simulator.Generate().ToList();
        var victim = simulator.Identities.Single(identity => identity.IsTakeoverVictim);

        engine.Publish(signIns);
        await engine.Recorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        var revocation = TopicReader.ReadFor(engine.BootstrapServers, engine.Topics.Revocations, TimeSpan.FromSeconds(5))
            .First(message => SecurityEventTokens.IsSessionRevoked(message) && SecurityEventTokens.KeyOf(message) == victim.IdentityId);
        var claims = SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(revocation));
        var jti = claims.GetProperty("jti").GetString()!;
        var trigger = signIns.Single(signIn => signIn.EventId == claims.GetProperty("txn").GetString());

        var audited = await AuditedAsync(victim.IdentityId, jti);

        Assert.Equal(victim.IdentityId, audited.Identity);
        Assert.Equal(trigger.EventId, audited.SourceEventId);
        Assert.Equal(trigger.Time.ToUnixTimeMilliseconds(), audited.EventTime.ToUnixTimeMilliseconds());
        Assert.Equal(nameof(TrustAction.RevokeSession), audited.Action);
        Assert.Equal(0, audited.ThresholdVersion);
        Assert.Equal(SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.Explanation), audited.Explanation);
        Assert.Contains("impossible-travel", audited.Explanation, StringComparison.Ordinal);
        Assert.NotNull(audited.Score);
        Assert.Equal("High", audited.Level);
        Assert.Contains("impossible travel", audited.Reason, StringComparison.Ordinal);
    }

    // The audit consumes the SET topic in its own consumer group, so its record may land a moment after the SET.
    private async Task<AuditedDecision> AuditedAsync(string identity, string jti)
    {
        var store = new DecisionAuditStore(new SqliteDialect(Path.Combine(engine.DatabaseDirectory, new DatabaseOptions().SqliteFileName)));
        var deadline = DateTime.UtcNow + AuditTimeout;
        while (true)
        {
            var decisions = await store.QueryAsync(new AuditQuery { Identity = identity }, CancellationToken.None);
            if (decisions.FirstOrDefault(decision => decision.Jti == jti) is { } audited)
            {
                return audited;
            }

            Assert.True(DateTime.UtcNow < deadline, $"SET {jti} is not in the decision audit after {AuditTimeout}; the audit holds {decisions.Count} decisions of {identity}");
            await Task.Delay(100);
        }
    }
}
