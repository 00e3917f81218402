using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Tests;

/// <summary>Tests hand signals and histories an event alone; these compute its <see cref="SignInKeys"/> as the trust scorer does.</summary>
internal static class KeyedCalls
{
    public static SignalFinding? Evaluate(this ISignal signal, IdentityEvent identityEvent, IdentityState state, ScoringContext context) =>
        signal.Evaluate(identityEvent, SignInKeys.Of(identityEvent), state, context);

    public static void Observe(this ISignal signal, IdentityEvent identityEvent, IdentityState state, ScoringContext context) =>
        signal.Observe(identityEvent, SignInKeys.Of(identityEvent), state, context);

    public static void Observe(this IdentityState state, IdentityEvent signIn) => state.Observe(signIn, SignInKeys.Of(signIn));

    public static void Observe(this SignInHistory history, IdentityEvent signIn) => history.Observe(signIn, SignInKeys.Of(signIn));
}
