using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Policy;

namespace RiskEngine.Core.Trust;

/// <summary>
/// The part of the trust settings analysts tune as data, in versions (<c>riskengine thresholds</c>) or as a candidate
/// file for a replay: the risk levels, the action thresholds of each resource sensitivity and the signals' weights.
/// Laid over the configuration's <see cref="TrustOptions"/> with <see cref="ApplyTo"/>; JSON through <see cref="ThresholdJsonContext"/>.
/// </summary>
public sealed class ThresholdSettings
{
    [Required]
    public RiskLevelThresholds Levels { get; set; } = new();

    [Required]
    public TrustPolicyOptions Policy { get; set; } = new();

    /// <summary>Merged name by name over the configured weights: a signal not listed keeps the weight it has.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The thresholds a set of trust settings is using now: levels, policy and every weight.</summary>
    public static ThresholdSettings Of(TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ThresholdSettings
        {
            Levels = options.Levels,
            Policy = options.Policy,
            Weights = new Dictionary<string, double>(options.Weights, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>Reads a thresholds document, refusing members it does not know (a misspelt threshold would otherwise be silently ignored).</summary>
    /// <exception cref="JsonException">The text is not JSON, or not a thresholds document; the message says where.</exception>
    public static ThresholdSettings Parse(string json) =>
        JsonSerializer.Deserialize(json, ThresholdJsonContext.Default.ThresholdSettings)
        ?? throw new JsonException("A thresholds document is a JSON object, not null.");

    public string ToJson() => JsonSerializer.Serialize(this, ThresholdJsonContext.Default.ThresholdSettings);

    /// <summary>
    /// The configured settings with these thresholds laid over them as <paramref name="version"/>, checked with
    /// <see cref="TrustOptionsValidator"/>: the result, or why the combination makes no sense.
    /// </summary>
    public ThresholdValidation ApplyTo(TrustOptions configured, int version)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var applied = configured.WithThresholds(this, version);
        var result = new TrustOptionsValidator().Validate(Options.DefaultName, applied);
        return result.Failed ? new ThresholdValidation(null, [.. result.Failures]) : new ThresholdValidation(applied, []);
    }
}
