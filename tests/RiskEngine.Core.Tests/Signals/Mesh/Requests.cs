using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Signals.Mesh;

/// <summary>Service-mesh requests of one workload, as the Envoy and Linkerd decoders map them, and a scorer to run them through.</summary>
internal static class Requests
{
    public const string Cart = "spiffe://cluster.local/ns/shop/sa/cart";

    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static int s_next;

    public static IdentityEvent To(
        string destination,
        DateTimeOffset at,
        string? sourceAddress = "10.0.3.7",
        int status = 200,
        long? bytesSent = 1_200,
        string method = "GET",
        string path = "/v1/items") => new()
        {
            EventId = $"envoy:{Interlocked.Increment(ref s_next):x16}",
            Timestamp = at,
            Source = EventSource.Envoy,
            Kind = EventKind.ServiceRequest,
            PrincipalType = PrincipalType.Workload,
            Interactive = false,
            IdentityId = Cart,
            AppDisplayName = destination,
            Resource = path,
            Action = method,
            ErrorCode = status,
            Succeeded = status is >= 100 and < 400,
            IpAddress = sourceAddress,
            BytesReceived = 300,
            BytesSent = bytesSent,
        };

    public static IdentityState NewState() => new(Cart, new SignInHistoryLayout());

    /// <summary>A scorer running only <paramref name="signal"/>, so a test sees that signal's findings in the real evaluate-then-observe order.</summary>
    public static TrustScorer ScorerOf(ISignal signal) => new(new TrustOptions(), [signal], new ScoringContext());

    /// <summary>Scores each event in turn; returns the findings of all of them, in order.</summary>
    public static List<WeightedFinding> Run(this TrustScorer scorer, IdentityState state, IEnumerable<IdentityEvent> events) =>
        [.. events.SelectMany(e => scorer.Assess(e, state).Findings)];
}
