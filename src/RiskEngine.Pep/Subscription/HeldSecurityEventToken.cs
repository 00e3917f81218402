namespace RiskEngine.Pep.Subscription;

/// <summary>A SET whose <c>kid</c> the PEP did not know, kept until the next permitted JWKS fetch.</summary>
internal sealed record HeldSecurityEventToken(byte[] Token, DateTimeOffset MessageTimestamp, int Partition, long Offset);
