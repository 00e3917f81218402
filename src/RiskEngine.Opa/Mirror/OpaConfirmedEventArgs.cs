namespace RiskEngine.Opa.Mirror;

/// <summary>
/// The entries one successful PATCH added or replaced, or every entry a full resync (PUT) wrote, and when OPA's
/// answer arrived: the moment a Rego rule reading <c>data</c> starts denying them. An entry may be confirmed more
/// than once (each resync confirms all); a latency probe takes the first confirmation of each jti.
/// </summary>
public sealed class OpaConfirmedEventArgs(IReadOnlyList<OpaConfirmation> entries, DateTimeOffset confirmedAt, bool fullResync) : EventArgs
{
    public IReadOnlyList<OpaConfirmation> Entries { get; } = entries;

    public DateTimeOffset ConfirmedAt { get; } = confirmedAt;

    public bool FullResync { get; } = fullResync;
}
