namespace RiskEngine.Pep.Tokens;

/// <summary>A verified SET, or why the token is not one.</summary>
public readonly record struct VerificationResult(VerifiedSecurityEvent? Event, VerificationFailure Failure, string Detail)
{
    public bool Succeeded => Event is not null;

    public static VerificationResult Success(VerifiedSecurityEvent securityEvent) => new(securityEvent, VerificationFailure.None, string.Empty);

    public static VerificationResult Fail(VerificationFailure failure, string detail) => new(null, failure, detail);
}
