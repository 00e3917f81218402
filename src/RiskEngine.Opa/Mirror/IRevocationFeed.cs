namespace RiskEngine.Opa.Mirror;

/// <summary>
/// Where the mirror's revocations come from. Connected once, before the mirror's first resync, so OPA is never
/// handed an empty document while the source is still catching up; from then on the feed calls
/// <see cref="RevocationMirror.Apply"/> and <see cref="RevocationMirror.ReplaceAll"/> as its set changes.
/// </summary>
public interface IRevocationFeed
{
    Task ConnectAsync(RevocationMirror mirror, CancellationToken cancellationToken);
}
