namespace RiskEngine.Sources.Okta;

/// <summary>
/// Turns a LogEvent's <c>outcome</c> into <see cref="Core.Events.IdentityEvent.Succeeded"/> and a failure reason.
/// </summary>
/// <remarks>
/// Only SUCCESS and ALLOW are successes. Everything else is not: FAILURE and DENY plainly, and also CHALLENGE
/// (a further factor was demanded), SKIPPED, UNKNOWN and the newer values (RATE_LIMIT, DEFERRED, ABANDONED,
/// UNANSWERED...). That is deliberate: a success teaches the engine the event's device and location as known
/// and makes it the last successful sign-in that impossible travel measures from, so an attempt that did not
/// finish (an attacker who has the password and was CHALLENGEd, an unanswered push) must not count as one.
/// The cost runs the other way and is small: such an event adds to the identity's failure window, and repeated
/// challenges in a few minutes (push bombing) are exactly what the failed-sign-in burst should see.
/// </remarks>
internal static class OktaOutcome
{
    /// <summary>The <c>debugData.pushOnlyResponseType</c> Identity Engine writes when the user denied the push.</summary>
    public const string PushResponseDeny = "OV_RESPONSE_DENY";

    private const string PushDeniedReason = "the user denied the Okta Verify push";

    public static (bool Succeeded, string? FailureReason) Judge(string eventType, string? result, string? reason, string? pushResponse)
    {
        // A denial is a denial by its event type (Classic) or by the push response (Identity Engine), whatever
        // outcome.result says: the reason names it, so an analyst sees "denied", not "INVALID_CREDENTIALS".
        if (OktaEventTypes.IsPushDenial(eventType) ||
            (eventType == OktaEventTypes.AuthViaMfa && string.Equals(pushResponse, PushResponseDeny, StringComparison.OrdinalIgnoreCase)))
        {
            return (false, reason is null ? PushDeniedReason : $"{PushDeniedReason} ({reason})");
        }

        var success = result is not null &&
            (result.Equals("SUCCESS", StringComparison.OrdinalIgnoreCase) || result.Equals("ALLOW", StringComparison.OrdinalIgnoreCase));

        // A push sent SUCCESSfully is a challenge issued, not one passed: see the remarks.
        if (eventType == OktaEventTypes.PushSent)
        {
            return success
                ? (false, "Okta Verify push sent: the challenge is not answered yet")
                : (false, reason ?? $"the Okta Verify push was not sent (outcome {result})");
        }

        if (success)
        {
            return (true, null);
        }

        var fallback = result?.ToUpperInvariant() switch
        {
            "FAILURE" or "DENY" => $"outcome {result}",
            "CHALLENGE" => "outcome CHALLENGE: a further factor was required, the sign-in is not complete",
            _ => $"outcome {result}: not a completed success",
        };
        return (false, reason ?? fallback);
    }

    /// <summary>
    /// What the event says of MFA: a verified factor satisfied it, a denied push or failed factor did not. A push
    /// only sent is unanswered (null), and so are sign-ins: a LogEvent of a session start does not say which factors
    /// led to it.
    /// </summary>
    public static bool? MfaSatisfied(string eventType, bool succeeded) => eventType switch
    {
        OktaEventTypes.AuthViaMfa => succeeded,
        OktaEventTypes.PushDenied or OktaEventTypes.PushDeniedUpgradeNeeded => false,
        _ => null,
    };
}
