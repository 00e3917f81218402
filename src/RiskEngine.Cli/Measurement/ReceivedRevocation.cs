namespace RiskEngine.Cli.Measurement;

/// <summary>A session-revoked SET as a PEP on the SET topic saw it, with the time since its triggering sign-in was produced.</summary>
public sealed record ReceivedRevocation(string Jti, string Txn, string Subject, string Token, double? LatencyMilliseconds);
