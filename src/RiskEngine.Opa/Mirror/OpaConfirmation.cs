namespace RiskEngine.Opa.Mirror;

/// <summary>An entry OPA has acknowledged holding: the SET's <see cref="Jti"/> and where it now is.</summary>
public readonly record struct OpaConfirmation(string Jti, OpaEntryKey Key);
