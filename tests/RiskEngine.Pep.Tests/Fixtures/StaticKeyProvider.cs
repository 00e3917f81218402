using RiskEngine.Caep.Signing;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>Signs with one key, publishes the keys given.</summary>
internal sealed class StaticKeyProvider(SigningKey current) : ISigningKeyProvider
{
    public SigningKey Current { get; } = current;

    public IReadOnlyList<SigningKey> PublishedKeys { get; } = [current];
}
