using RiskEngine.Pep.Subscription;

namespace RiskEngine.Pep.Hosting;

internal sealed class DelegateSecurityEventObserver(Action<AppliedSecurityEvent>? applied, Action<RejectedSecurityEvent>? rejected) : ISecurityEventObserver
{
    public void Applied(AppliedSecurityEvent securityEvent) => applied?.Invoke(securityEvent);

    public void Rejected(RejectedSecurityEvent rejection) => rejected?.Invoke(rejection);
}
