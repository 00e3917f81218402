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
/// Every identity is added first, then each kind of event is fed to all of them in turn, and the heap measured after
/// each: the growth per identity is what that part of the state costs (the sign-ins' includes the user principal name).
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
        foreach (var (identity, user) in new[] { ("warm-user", true), ("warm-workload", false) })
        {
            foreach (var (_, events) in Phases(user))
            {
                Score(scorer, policy, warm.GetOrAdd(identity), events(identity, 0));
            }
        }

        foreach (var user in new[] { true, false })
        {
            // Allocated before the baseline, so the harness's own handle on each state does not count.
            var held = new IdentityState[identities];
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var states = new IdentityStateStore(options);
            for (var i = 0; i < identities; i++)
            {
                held[i] = states.GetOrAdd(user ? $"{Guid.CreateVersion7():D}" : $"spiffe://cluster.local/ns/shop/sa/service-{i}");
            }

            var parts = new List<string>();
            var measured = baseline;
            Measure("state and key", ref measured, identities, parts);
            foreach (var (part, events) in Phases(user))
            {
                for (var i = 0; i < identities; i++)
                {
                    Score(scorer, policy, held[i], events(held[i].IdentityId, i));
                }

                Measure($"what {part} added", ref measured, identities, parts);
            }

            var total = measured - baseline;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{identities:N0} {(user ? "users" : "workloads")}: {total / (double)identities:N0} bytes per identity ({total / 1048576.0:N0} MiB), key included; {string.Join(", ", parts)}"));
            GC.KeepAlive(states);
            GC.KeepAlive(held);
        }
    }

    /// <summary>Adds the bytes per identity the heap grew by since <paramref name="measured"/> to <paramref name="parts"/>.</summary>
    private static void Measure(string part, ref long measured, int identities, List<string> parts)
    {
        var now = GC.GetTotalMemory(forceFullCollection: true);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{part} {(now - measured) / (double)identities:N0}"));
        measured = now;
    }

    /// <summary>The events a user or a workload is fed, by the part of its state each fills: an identity's id and index give its events.</summary>
    internal static (string Part, Func<string, int, IEnumerable<IdentityEvent>> Events)[] Phases(bool user) => user
        ? [("sign-ins", SignIns), ("decisions", (identity, _) => Decisions(identity))]
        : [("requests", Requests)];

    internal static void Score(TrustScorer scorer, TrustPolicy policy, IdentityState state, IEnumerable<IdentityEvent> events)
    {
        foreach (var identityEvent in events)
        {
            policy.Decide(scorer.Assess(identityEvent, state), identityEvent, state);
        }
    }

    private static IEnumerable<IdentityEvent> SignIns(string identity, int index)
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
    }

    private static IEnumerable<IdentityEvent> Decisions(string identity)
    {
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

    private static IEnumerable<IdentityEvent> Requests(string identity, int index)
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
