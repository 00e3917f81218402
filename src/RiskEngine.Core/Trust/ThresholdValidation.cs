namespace RiskEngine.Core.Trust;

/// <summary>The trust settings a <see cref="ThresholdSettings"/> makes, or, when they make no sense, each reason why not.</summary>
public sealed record ThresholdValidation(TrustOptions? Applied, IReadOnlyList<string> Failures)
{
    public bool Succeeded => Applied is not null;
}
