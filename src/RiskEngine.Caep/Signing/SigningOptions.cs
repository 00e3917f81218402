namespace RiskEngine.Caep.Signing;

/// <summary>
/// Where the SET signing key comes from. Precedence: <see cref="KeyFile"/>, then the environment variable
/// named by <see cref="KeyEnvironmentVariable"/>, then a development key generated on first use.
/// </summary>
public sealed class SigningOptions
{
    public const string DefaultKeyEnvironmentVariable = "RISKENGINE_SIGNING_KEY";

    /// <summary>Path to a PEM RSA private key, PKCS#1 (<c>RSA PRIVATE KEY</c>) or PKCS#8 (<c>PRIVATE KEY</c>), unencrypted.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Name of an environment variable holding the PEM text itself, for secret stores that inject environment variables.</summary>
    public string KeyEnvironmentVariable { get; set; } = DefaultKeyEnvironmentVariable;

    /// <summary>Where the development key lives; null means <c>$XDG_DATA_HOME/riskengine</c>, else <c>~/.local/share/riskengine</c>.</summary>
    public string? DevelopmentKeyDirectory { get; set; }
}
