using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Subscription;

/// <summary>A message of the SET topic that did not count, and why.</summary>
public sealed record RejectedSecurityEvent(VerificationFailure Failure, string Detail, int Partition, long Offset);
