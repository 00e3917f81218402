using RiskEngine.Core.Events;

namespace RiskEngine.Sources.Okta;

/// <summary>
/// The System Log event types the engine scores, and what each one is in the canonical model. Every other
/// event type (user.account.*, policy.*, application.*...) is a well-formed LogEvent that is not scored.
/// </summary>
public static class OktaEventTypes
{
    /// <summary>Okta issues a session to a user who authenticated ("User login to Okta").</summary>
    public const string SessionStart = "user.session.start";

    public const string Authenticate = "user.authentication.authenticate";

    /// <summary>Identity Engine: the user's identity was verified (a step of sign-in).</summary>
    public const string Verify = "user.authentication.verify";

    public const string SingleSignOn = "user.authentication.sso";

    /// <summary>A factor was verified; in Identity Engine also a denied Okta Verify push (FAILURE, OV_RESPONSE_DENY).</summary>
    public const string AuthViaMfa = "user.authentication.auth_via_mfa";

    /// <summary>An Okta Verify push was sent to the user's phone: a challenge issued, not yet answered.</summary>
    public const string PushSent = "system.push.send_factor_verify_push";

    /// <summary>Classic Engine: the user rejected an Okta Verify push ("User rejected Okta push verify").</summary>
    public const string PushDenied = "user.mfa.okta_verify.deny_push";

    /// <summary>Classic Engine: the user rejected an Okta Verify push on an Okta Verify that needs an upgrade.</summary>
    public const string PushDeniedUpgradeNeeded = "user.mfa.okta_verify.deny_push_upgrade_needed";

    public const string SessionEnd = "user.session.end";

    /// <summary>The <c>eventType</c> of an event hook delivery, the envelope whose <c>data.events</c> are LogEvents.</summary>
    public const string EventHook = "com.okta.event_hook";

    /// <summary>The canonical kind of a scored event type; null for the event types that are not scored.</summary>
    public static EventKind? KindOf(string eventType) => eventType switch
    {
        SessionStart or Authenticate or Verify => EventKind.SignIn,
        SingleSignOn => EventKind.SingleSignOn,
        AuthViaMfa or PushSent or PushDenied or PushDeniedUpgradeNeeded => EventKind.MfaChallenge,
        SessionEnd => EventKind.SessionEnd,
        _ => null,
    };

    /// <summary>Event types that are a denial by their type alone, whatever their outcome says.</summary>
    public static bool IsPushDenial(string eventType) => eventType is PushDenied or PushDeniedUpgradeNeeded;
}
