namespace RiskEngine.Core.Events;

public static class EventKindExtensions
{
    /// <summary>An identity proving who it is: what the sign-in signals (travel, device, failure bursts) judge.</summary>
    public static bool IsAuthentication(this EventKind kind) =>
        kind is EventKind.SignIn or EventKind.SingleSignOn or EventKind.MfaChallenge;
}
