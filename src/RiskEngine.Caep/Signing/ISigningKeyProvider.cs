namespace RiskEngine.Caep.Signing;

/// <summary>Supplies the key that signs new SETs and the keys receivers may verify against.</summary>
public interface ISigningKeyProvider
{
    /// <summary>The key that signs every new SET.</summary>
    SigningKey Current { get; }

    /// <summary>Every key to publish in the JWKS; during rotation this includes keys that signed SETs still in flight.</summary>
    IReadOnlyList<SigningKey> PublishedKeys { get; }
}
