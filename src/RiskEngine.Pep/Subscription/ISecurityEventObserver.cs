namespace RiskEngine.Pep.Subscription;

/// <summary>
/// Told of every SET the subscriber reads, on its thread, right after the revoked set changed: keep it quick. Register
/// implementations in the service collection (or through <see cref="Hosting.PepBuilder.OnApplied"/>).
/// </summary>
public interface ISecurityEventObserver
{
    void Applied(AppliedSecurityEvent applied);

    void Rejected(RejectedSecurityEvent rejected);
}
