using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Tests.Signals.Decisions;

/// <summary>OPA decisions about one user, as the OPA decoder maps them.</summary>
internal static class PolicyDecisions
{
    public const string Subject = "alice@example.com";

    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static int s_next;

    public static IdentityEvent Allowed(DateTimeOffset at, string resource = "/reports/weekly", string action = "GET", string? classification = null) =>
        Decision(at, allowed: true, resource, action, classification);

    public static IdentityEvent Denied(DateTimeOffset at, string resource = "/payroll/2024/bob", string action = "DELETE") =>
        Decision(at, allowed: false, resource, action, classification: null);

    public static IdentityState NewState() => new(Subject, new SignInHistoryLayout());

    private static IdentityEvent Decision(DateTimeOffset at, bool allowed, string resource, string action, string? classification) => new()
    {
        EventId = $"decision-{Interlocked.Increment(ref s_next)}",
        Timestamp = at,
        Source = EventSource.Opa,
        Kind = EventKind.PolicyDecision,
        IdentityId = Subject,
        Succeeded = allowed,
        AppDisplayName = "httpapi/authz/allow",
        Resource = resource,
        Action = action,
        Classification = classification,
        IpAddress = "203.0.113.7",
    };
}
