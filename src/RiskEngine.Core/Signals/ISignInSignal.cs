using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>
/// One explainable reason to trust an identity less. A signal judges a sign-in against the identity's
/// past (the state before this event) and changes nothing; it allocates only when it fires.
/// </summary>
public interface ISignInSignal
{
    string Name { get; }

    SignalFinding? Evaluate(IdentityEvent signIn, IdentityState state);
}
