using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Opa;

/// <summary>
/// Where and how the revocation mirror keeps OPA's data; bound from the "Opa" section and checked by
/// <see cref="OpaOptionsValidator"/>. With no <see cref="BaseUrl"/> the mirror is off. The bearer token comes
/// from <see cref="TokenFile"/> (re-read when it changes) or the RISKENGINE_OPA_TOKEN environment variable,
/// never from configuration, so it stays out of configuration files and their logs.
/// </summary>
public sealed class OpaOptions
{
    public const string SectionName = "Opa";
    public const string TokenEnvironmentVariable = "RISKENGINE_OPA_TOKEN";
    public const string DefaultDataPath = "riskengine/revoked";

    /// <summary>OPA's address, for example <c>http://127.0.0.1:8181</c> (a path prefix is kept); unset turns the mirror off.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The document the mirror owns, as slash-separated segments under <c>/v1/data/</c>: the default makes
    /// Rego see it as <c>data.riskengine.revoked</c>. Everything under it is overwritten at each resync.
    /// </summary>
    [Required]
    public string DataPath { get; set; } = DefaultDataPath;

    /// <summary>A file holding the bearer token OPA expects when it runs with <c>--authentication=token</c>.</summary>
    public string? TokenFile { get; set; }

    /// <summary>How long one request may take before it counts as a transient failure and is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per request (the first included) before a transient failure is handed to the mirror, which keeps retrying more slowly.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles up to <see cref="RetryMaxDelay"/>, jittered to 50–100 %.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the mirror waits after the first change of a burst for more to join the same PATCH. Changes
    /// arriving while a PATCH is in flight join the next one whatever this is, so it only trades a little
    /// latency for fewer requests.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>At most this many JSON Patch operations go in one request; the rest follow at once.</summary>
    [Range(1, 100_000)]
    public int MaxOperationsPerPatch { get; set; } = 1000;

    /// <summary>
    /// How often the mirror reads the document back to find out whether OPA restarted and lost it (or someone
    /// changed it), resyncing when it differs from what OPA last confirmed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan ConsistencyCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
