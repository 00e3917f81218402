using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>
/// One explainable reason to trust an identity less. Every signal sees every event and picks the kinds it judges.
/// <see cref="Evaluate"/> judges an event against the identity's past (the state before this event) and changes
/// nothing, so no signal sees another's learning from the same event; <see cref="Observe"/> then learns from it.
/// Both allocate only when a signal fires. Both get the event's <see cref="SignInKeys"/>, computed once per event by the
/// scorer, so no signal hashes or parses the event's values itself.
/// </summary>
public interface ISignal
{
    string Name { get; }

    SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context);

    /// <summary>Learns what this signal keeps of the event, after every signal has judged it.</summary>
    void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context);
}
