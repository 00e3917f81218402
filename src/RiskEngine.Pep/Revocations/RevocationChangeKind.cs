namespace RiskEngine.Pep.Revocations;

public enum RevocationChangeKind
{
    /// <summary>An entry was added, or replaced by one revoking later (its <see cref="RevocationChange.Entry"/> is the new one).</summary>
    Added,

    /// <summary>An entry outlived <see cref="PepOptions.RevocationLifetime"/> and was removed.</summary>
    Expired,

    /// <summary>Every entry was removed; a mirror should drop what it holds and read <see cref="RevokedSet.Snapshot"/> again.</summary>
    Reset,
}
