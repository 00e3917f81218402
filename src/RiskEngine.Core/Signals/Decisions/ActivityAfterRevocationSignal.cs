using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Decisions;

/// <summary>
/// Allowed activity of an identity whose session was revoked: a request answered, a policy decision allowed, a
/// token refreshed. Past the grace period that means an enforcement point did not act on the revocation.
/// </summary>
/// <remarks>
/// What an enforcing point lets through is not counted: a denied decision or a refused request is enforcement
/// working, and an interactive sign-in is the re-authentication a revocation asks of a user; after one, the
/// user's activity belongs to the new session and is not held against the old one.
/// </remarks>
public sealed class ActivityAfterRevocationSignal : ISignal
{
    public const string SignalName = "activity-after-revocation";

    private readonly ActivityAfterRevocationOptions _options;

    public ActivityAfterRevocationSignal(ActivityAfterRevocationOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (state.RevokedAt is not { } revokedAt || state.ReauthenticatedSinceRevocation ||
            !identityEvent.Succeeded || identityEvent.Kind == EventKind.SessionEnd || IsReauthentication(identityEvent) ||
            identityEvent.Timestamp < revokedAt + _options.GracePeriod || FiredWithinRepeatInterval(state, identityEvent.Timestamp))
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"activity after revocation: {Describe(identityEvent)}, {(identityEvent.Timestamp - revokedAt).TotalMinutes:0.#} min after the revocation at {revokedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (IsReauthentication(identityEvent))
        {
            state.ObserveReauthentication(identityEvent.Timestamp);
        }
    }

    private static bool IsReauthentication(IdentityEvent identityEvent) =>
        identityEvent is { Kind: EventKind.SignIn, Interactive: true, Succeeded: true };

    private bool FiredWithinRepeatInterval(IdentityState state, DateTimeOffset now)
    {
        var findings = state.RecentFindings;
        for (var i = findings.Count - 1; i >= 0; i--)
        {
            if (findings[i].Finding.Signal == SignalName && now - findings[i].At < _options.RepeatInterval)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(IdentityEvent e) => e.Kind switch
    {
        EventKind.ServiceRequest => $"{e.Action ?? "request"} {e.Resource ?? "/"} to {e.AppDisplayName ?? "an unnamed destination"} answered {e.ErrorCode}",
        EventKind.PolicyDecision => $"OPA allowed {e.Action ?? "-"} {e.Resource ?? e.AppDisplayName ?? "-"}",
        EventKind.SingleSignOn => $"single sign-on to {e.AppDisplayName ?? "an application"} from {e.IpAddress ?? "an unknown IP"}",
        EventKind.MfaChallenge => $"MFA approved from {e.IpAddress ?? "an unknown IP"}",
        EventKind.SignIn => $"non-interactive sign-in to {e.AppDisplayName ?? "an application"} from {e.IpAddress ?? "an unknown IP"}",
        _ => e.Kind.ToString(),
    };
}
