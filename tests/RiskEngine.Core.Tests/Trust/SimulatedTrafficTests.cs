using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Simulation;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;

namespace RiskEngine.Core.Tests.Trust;

/// <summary>
/// The simulator's population scored by every signal with the default settings, in process: the takeovers are
/// revoked and none of the benign identities, whose trips, typos and new phones must not add up to a revocation.
/// </summary>
public sealed class SimulatedTrafficTests
{
    [Theory]
    [InlineData(101, 40, 1)]
    [InlineData(303, 30, 2)]
    [InlineData(7, 200, 5)]
    [InlineData(11, 1000, 10)]
    public void Every_takeover_and_no_benign_identity_is_revoked(int seed, int identities, int takeovers)
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = identities, Takeovers = takeovers, Seed = seed });
        var signIns = simulator.Generate().ToList();
        var options = new TrustOptions();
        var scorer = TrustScorer.Create(options, new ScoringContext(options));
        var policy = new TrustPolicy(options);
        var states = new IdentityStateStore(options);
        var revoked = new List<(string Identity, bool Malicious, string Reason)>();

        foreach (var signIn in signIns)
        {
            var identityEvent = Decode(signIn.Payload);
            var state = states.GetOrAdd(identityEvent.IdentityId);
            var decision = policy.Decide(scorer.Assess(identityEvent, state), identityEvent, state);
            if (decision.Actions.HasFlag(TrustAction.RevokeSession))
            {
                revoked.Add((identityEvent.IdentityId, signIn.IsMalicious, decision.Reason!));
            }
        }

        var victims = simulator.Identities.Where(i => i.IsTakeoverVictim).Select(i => i.IdentityId).Order(StringComparer.Ordinal);
        // Only victims are revoked, each first on the attacker's own event. A victim may be revoked again later (its
        // own next new device while trust is still low after the takeover): that is no benign identity revoked.
        Assert.Equal(victims, revoked.Select(r => r.Identity).Distinct().Order(StringComparer.Ordinal));
        Assert.All(revoked.DistinctBy(r => r.Identity), r => Assert.True(r.Malicious, r.Reason));
    }

    private static IdentityEvent Decode(byte[] payload)
    {
        var records = new List<DecodedRecord>();
        new EntraSignInDecoder().Decode(payload, records);
        return Assert.Single(records).Event!;
    }
}
