using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Tests.Trust;

/// <summary>A signal that fires with the penalty an event's id names ("p35" takes 35, "p35-b" too); "p0" does not fire.</summary>
internal sealed class PenaltyById : ISignal
{
    public const string SignalName = "test";

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        var digits = identityEvent.EventId.AsSpan(1);
        var end = digits.IndexOf('-');
        var penalty = double.Parse(end < 0 ? digits : digits[..end], CultureInfo.InvariantCulture);
        return penalty == 0 ? null : new SignalFinding(Name, penalty, $"test penalty {penalty}");
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    /// <summary>An event this signal judges by its id, touching a resource of the given classification.</summary>
    public static IdentityEvent Event(
        DateTimeOffset at,
        string penalty,
        string? classification = null,
        PrincipalType principal = PrincipalType.User) => new()
        {
            EventId = penalty,
            Timestamp = at,
            IdentityId = Signals.SignIns.IdentityId,
            Succeeded = true,
            Classification = classification,
            PrincipalType = principal,
        };
}
