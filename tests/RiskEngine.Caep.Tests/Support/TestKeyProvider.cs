using RiskEngine.Caep.Signing;

namespace RiskEngine.Caep.Tests.Support;

/// <summary>Serves whatever keys a test sets, so rotation can be simulated; the keys themselves are real.</summary>
internal sealed class TestKeyProvider(SigningKey current) : ISigningKeyProvider
{
    public SigningKey Current { get; set; } = current;

    /// <summary>Only <see cref="Current"/> unless a test sets others.</summary>
    public IReadOnlyList<SigningKey> PublishedKeys
    {
        get => field ?? [Current];
        set;
    }
}
