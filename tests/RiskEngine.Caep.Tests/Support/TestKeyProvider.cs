using RiskEngine.Caep.Signing;

namespace RiskEngine.Caep.Tests.Support;

/// <summary>Serves whatever key a test sets, so rotation can be simulated; the keys themselves are real.</summary>
internal sealed class TestKeyProvider(SigningKey current) : ISigningKeyProvider
{
    public SigningKey Current { get; set; } = current;

    public IReadOnlyList<SigningKey> PublishedKeys => [Current];
}
