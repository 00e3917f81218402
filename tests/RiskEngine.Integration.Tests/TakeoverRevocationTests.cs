using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests;

[Collection(SharedEngine.Name)]
public sealed class TakeoverRevocationTests(EngineFixture engine)
{
    [Fact]
    public async Task An_impossible_travel_takeover_revokes_the_victim_and_no_benign_user()
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 40, Takeovers = 1, Seed = 101 });
        var signIns = simulator.Generate().ToList();
        var population = simulator.Identities.Select(identity => identity.IdentityId).ToHashSet(StringComparer.Ordinal);
        var victim = simulator.Identities.Single(identity => identity.IsTakeoverVictim);

        engine.Publish(signIns);
        await engine.Recorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        var revocations = TopicReader.ReadFor(engine.BootstrapServers, engine.Topics.Revocations, TimeSpan.FromSeconds(5))
            .Where(message => SecurityEventTokens.IsSessionRevoked(message) && population.Contains(SecurityEventTokens.KeyOf(message)))
            .ToList();

        // The victim only; it may be revoked again later (its own next new device while trust is still low after the
        // takeover), but the first revocation is the attacker's doing.
        Assert.Equal([victim.IdentityId], revocations.Select(SecurityEventTokens.KeyOf).Distinct());
        var revocation = revocations[0];
        var claims = SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(revocation));
        Assert.Equal(victim.UserPrincipalName, claims.GetProperty("sub_id").GetProperty("user").GetProperty("email").GetString());
        var trigger = signIns.Single(signIn => signIn.EventId == claims.GetProperty("txn").GetString());
        Assert.True(trigger.IsMalicious, "the revocation must be caused by one of the attacker's sign-ins");
        var reason = claims.GetProperty("events").EnumerateObject().Single().Value.GetProperty("reason_admin").GetProperty("en").GetString();
        Assert.Contains("impossible travel", reason, StringComparison.Ordinal);

        // What the audit and the PEPs read without parsing the SET.
        Assert.Equal(victim.IdentityId, SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.Identity));
        Assert.Equal(trigger.EventId, SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.TriggeringEventId));
        Assert.Equal(trigger.Time, DateTimeOffset.Parse(SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.EventTime), CultureInfo.InvariantCulture));
        Assert.Equal(nameof(TrustAction.RevokeSession), SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.Action));
        Assert.Equal("0", SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.ThresholdVersion));
        using var explanation = JsonDocument.Parse(SecurityEventTokens.HeaderOf(revocation, RevocationHeaders.Explanation));
        Assert.Contains(
            explanation.RootElement.GetProperty("findings").EnumerateArray(),
            finding => finding.GetProperty("signal").GetString() == "impossible-travel");
    }
}
