namespace RiskEngine.Caep.Signing;

/// <summary>
/// Where the SET signing keys come from and how they rotate; checked by <see cref="SigningOptionsValidator"/>.
/// </summary>
/// <remarks>
/// <para>Sources, by precedence: the key files (<see cref="KeyFile"/> and every <c>*.pem</c> in
/// <see cref="KeyDirectory"/>, together); else the PEM blocks in the environment variable named by
/// <see cref="KeyEnvironmentVariable"/>; else a development key generated on first use. Each file or the variable
/// may hold several private keys: RSA of 2048 bits or more (signs RS256) or EC P-256 (signs ES256).</para>
/// <para>Rotation. A key found while running is published in the JWKS at once and becomes eligible to sign
/// <see cref="PublishAhead"/> later, so verifiers that cache the JWKS have it before they see it. The keys found at
/// start-up count as found then, older files (by last write) and earlier PEM blocks first. Of the eligible keys the
/// newest (found last) signs; when none is eligible yet (a first start) the oldest present key signs at once.
/// A key whose file is gone stops signing at once and stays published (its public part only) until
/// <see cref="Retention"/> has passed since it last signed; one that never signed leaves the JWKS at once. A key
/// whose file is still there stays published. The key files are re-read every <see cref="RefreshInterval"/>, so
/// rotation needs no restart: add the new key's file, then, once it signs, delete the old one.</para>
/// </remarks>
public sealed class SigningOptions
{
    public const string DefaultKeyEnvironmentVariable = "RISKENGINE_SIGNING_KEY";

    /// <summary>Path to a PEM file of unencrypted private keys: RSA (<c>RSA PRIVATE KEY</c>, <c>PRIVATE KEY</c>) or EC P-256 (<c>EC PRIVATE KEY</c>, <c>PRIVATE KEY</c>).</summary>
    public string? KeyFile { get; set; }

    /// <summary>A directory whose <c>*.pem</c> files each hold private keys as <see cref="KeyFile"/> does; re-read every <see cref="RefreshInterval"/>.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>Name of an environment variable holding PEM text itself (one or more keys), for secret stores that inject environment variables.</summary>
    public string KeyEnvironmentVariable { get; set; } = DefaultKeyEnvironmentVariable;

    /// <summary>Where the development key lives; null means <c>$XDG_DATA_HOME/riskengine</c>, else <c>~/.local/share/riskengine</c>.</summary>
    public string? DevelopmentKeyDirectory { get; set; }

    /// <summary>How long a newly found key is published before it may sign: at least the JWKS cache lifetime of the receivers.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a removed key stays published after it last signed: at least the longest a SET can stay
    /// outstanding (the revocation topic's retention, which PEPs rebuild from, and a paused stream's backlog).
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the key files are re-read; <see cref="TimeSpan.Zero"/> reads them only at start-up.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
