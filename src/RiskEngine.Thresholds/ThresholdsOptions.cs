using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Thresholds;

/// <summary>The analysts' thresholds in the running engine and its admin API. Bound from "Thresholds"; the database is "Database".</summary>
public sealed class ThresholdsOptions
{
    public const string SectionName = "Thresholds";
    public const string TokenEnvironmentVariable = "RISKENGINE_THRESHOLDS_TOKEN";

    /// <summary>Lay the stored thresholds over the Trust settings and serve /admin/thresholds; on by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the engine looks for a new version, which another process (the CLI) may have stored.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Bearer tokens of the admin API, one per line with the scopes it grants: <c>thresholds:read</c> to look,
    /// <c>thresholds:write</c> to change (and look). Also one such line in RISKENGINE_THRESHOLDS_TOKEN.
    /// </summary>
    public string? TokenFile { get; set; }
}
