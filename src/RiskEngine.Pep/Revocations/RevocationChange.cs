namespace RiskEngine.Pep.Revocations;

/// <summary>A change to the <see cref="RevokedSet"/>; <see cref="Entry"/> is null for <see cref="RevocationChangeKind.Reset"/>.</summary>
public sealed record RevocationChange(RevocationChangeKind Kind, RevocationEntry? Entry);
