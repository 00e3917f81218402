using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// The memory the engine holds per identity once it has seen many: users that signed in from two devices and two
/// addresses and had policy decisions, and workloads that called three destinations, each scored through every
/// signal. Measured as the managed heap after a full collection, less what the scoring context holds anyway (the
/// population tables, the spray table), divided by the identities; the state store's key (the identity id) counts.
/// </summary>
internal static class StateSizeHarness
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static void Run(int identities)
    {
        var options = new TrustOptions();
        var context = new ScoringContext(options);
        var scorer = TrustScorer.Create(options, context);
        var policy = new TrustPolicy(options);

        // The context's tables are allocated at the first events of their kind: let a throwaway store trigger them.
        var warm = new IdentityStateStore(options);
        Feed(warm, scorer, policy, "warm-user", user: true, 0);
        Feed(warm, scorer, policy, "warm-workload", user: false, 0);

        foreach (var user in new[] { true, false })
        {
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var states = new IdentityStateStore(options);
            for (var i = 0; i < identities; i++)
            {
                Feed(states, scorer, policy, user ? $"{Guid.CreateVersion7():D}" : $"spiffe://cluster.local/ns/shop/sa/service-{i}", user, i);
            }

            var held = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{identities:N0} {(user ? "users" : "workloads")}: {held / (double)identities:N0} bytes per identity ({held / 1048576.0:N0} MiB), key included"));
            GC.KeepAlive(states);
        }
    }

    private static void Feed(IdentityStateStore states, TrustScorer scorer, TrustPolicy policy, string identity, bool user, int index)
    {
        var state = states.GetOrAdd(identity);
        foreach (var identityEvent in user ? UserEvents(identity, index) : WorkloadEvents(identity, index))
        {
            policy.Decide(scorer.Assess(identityEvent, state), identityEvent, state);
        }
    }

    private static IEnumerable<IdentityEvent> UserEvents(string identity, int index)
    {
        for (var signIn = 0; signIn < 4; signIn++)
        {
            yield return new IdentityEvent
            {
                EventId = $"{identity}-s{signIn}",
                Timestamp = Start.AddHours(signIn * 3),
                IdentityId = identity,
                UserPrincipalName = $"user{index}@contoso.com",
                // Each device keeps its own session: one session moving between devices and addresses is a replay,
                // and would fill every identity's recent findings with session-replay evidence.
                SessionId = $"{identity}-session{signIn % 2}",
                Succeeded = true,
                IpAddress = $"10.{index % 250}.{signIn % 2}.{index % 200}",
                AutonomousSystemNumber = 2119,
                Coordinates = new GeoCoordinates(59.91, 10.75),
                City = "Oslo",
                CountryOrRegion = "NO",
                DeviceId = $"{identity}-device{signIn % 2}",
                OperatingSystem = "Windows 11",
                Browser = "Edge 131",
                UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/131.0",
                MfaSatisfied = true,
                DeviceCompliant = true,
                DeviceManaged = true,
            };
        }

        for (var decision = 0; decision < 2; decision++)
        {
            yield return new IdentityEvent
            {
                EventId = $"{identity}-d{decision}",
                Timestamp = Start.AddHours(12 + decision),
                IdentityId = identity,
                Kind = EventKind.PolicyDecision,
                Source = EventSource.Opa,
                Succeeded = true,
                Resource = "/payroll/reports",
                Action = "GET",
                Classification = "confidential",
            };
        }
    }

    private static IEnumerable<IdentityEvent> WorkloadEvents(string identity, int index)
    {
        for (var request = 0; request < 12; request++)
        {
            yield return new IdentityEvent
            {
                EventId = $"{identity}-r{request}",
                Timestamp = Start.AddSeconds(request * 20),
                IdentityId = identity,
                PrincipalType = PrincipalType.Workload,
                Kind = EventKind.ServiceRequest,
                Source = EventSource.Envoy,
                Interactive = false,
                Succeeded = true,
                ErrorCode = 200,
                IpAddress = $"10.8.{index % 250}.{request % 3}",
                AppDisplayName = $"destination-{request % 3}",
                Resource = "/api/orders",
                Action = "GET",
                BytesSent = 2_048,
            };
        }
    }
}
