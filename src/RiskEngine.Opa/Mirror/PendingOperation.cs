namespace RiskEngine.Opa.Mirror;

/// <summary>One JSON Patch operation the mirror is about to send: <c>add</c> <see cref="Value"/> at <see cref="Key"/>, or <c>remove</c> it when null.</summary>
public readonly record struct PendingOperation(OpaEntryKey Key, OpaRevocation? Value);
