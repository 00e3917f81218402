using System.ComponentModel.DataAnnotations;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Signals.Models;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Trust;

/// <summary>How trust is lost and regained, what its level is, and what its loss does. Bound from the "Trust" section.</summary>
public sealed class TrustOptions
{
    public const string SectionName = "Trust";

    /// <summary>
    /// The version of the analysts' stored thresholds (<c>riskengine thresholds</c>) laid over these settings; 0 when
    /// they are the configuration's alone. Every decision records it, so an action can be traced to the setting that took it.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ThresholdVersion { get; set; }

    /// <summary>
    /// Event time, across events that fire no signal, in which an identity wins back half of what it has lost
    /// below its normal. Replaces the linear <c>RecoveryPerHour</c> of earlier versions.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RecoveryHalfLife { get; set; } = TimeSpan.FromHours(2);

    [Required]
    public TrustBaselineOptions Baseline { get; set; } = new();

    [Required]
    public RiskLevelThresholds Levels { get; set; } = new();

    /// <summary>
    /// A multiplier on each signal's penalty, by signal name ("impossible-travel": 1.5); a signal not listed
    /// weighs 1. The way to make a signal count for more or less without changing it. The defaults are the
    /// calibration measured on simulated traffic (riskengine evaluate): alone, a burst of failures, of denies or a
    /// workload's spike takes an identity to medium risk (45 points), while a new phone (new device, unmanaged)
    /// does not ask for a step-up. Configured weights are merged over them, name by name.
    /// </summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["failed-sign-in-burst"] = 1.5,
        ["deny-burst"] = 1.8,
        ["request-rate-spike"] = 3,
        ["client-error-spike"] = 2.25,
        ["bytes-sent-spike"] = 1.8,
        ["new-destination"] = 2.25,
        ["new-device"] = 0.75,
        ["unmanaged-device"] = 0.7,
        ["rare-attributes"] = 1.4,
    };

    [Required]
    public TrustPolicyOptions Policy { get; set; } = new();

    [Required]
    public BlastRadiusOptions BlastRadius { get; set; } = new();

    [Required]
    public ResourceSensitivityOptions Sensitivity { get; set; } = new();

    [Required]
    public ImpossibleTravelOptions ImpossibleTravel { get; set; } = new();

    [Required]
    public NewDeviceOptions NewDevice { get; set; } = new();

    [Required]
    public FailedSignInBurstOptions FailedSignInBurst { get; set; } = new();

    [Required]
    public NewCountryOptions NewCountry { get; set; } = new();

    [Required]
    public NewAutonomousSystemOptions NewAutonomousSystem { get; set; } = new();

    [Required]
    public NewUserAgentOptions NewUserAgent { get; set; } = new();

    [Required]
    public AnonymizingNetworksOptions AnonymizingNetworks { get; set; } = new();

    [Required]
    public PasswordSprayOptions PasswordSpray { get; set; } = new();

    [Required]
    public MfaFatigueOptions MfaFatigue { get; set; } = new();

    [Required]
    public UnmanagedDeviceOptions UnmanagedDevice { get; set; } = new();

    [Required]
    public SingleFactorSignInOptions SingleFactorSignIn { get; set; } = new();

    [Required]
    public SessionReplayOptions SessionReplay { get; set; } = new();

    [Required]
    public NewDestinationOptions NewDestination { get; set; } = new();

    [Required]
    public RequestRateSpikeOptions RequestRateSpike { get; set; } = new();

    [Required]
    public ClientErrorSpikeOptions ClientErrorSpike { get; set; } = new();

    [Required]
    public BytesSentSpikeOptions BytesSentSpike { get; set; } = new();

    [Required]
    public DenyBurstOptions DenyBurst { get; set; } = new();

    [Required]
    public SensitivityEscalationOptions SensitivityEscalation { get; set; } = new();

    [Required]
    public ActivityAfterRevocationOptions ActivityAfterRevocation { get; set; } = new();

    [Required]
    public UnusualActivityOptions UnusualActivity { get; set; } = new();

    [Required]
    public RareAttributesOptions RareAttributes { get; set; } = new();

    /// <summary>
    /// These settings with an analysts' thresholds laid over them as <paramref name="version"/>: its levels and policy
    /// replace these, its weights are merged name by name. This instance is left as it is.
    /// </summary>
    public TrustOptions WithThresholds(ThresholdSettings thresholds, int version)
    {
        var applied = (TrustOptions)MemberwiseClone();
        applied.ApplyThresholds(thresholds, version);
        return applied;
    }

    /// <summary>Lays an analysts' thresholds over these settings as <paramref name="version"/>, as <see cref="WithThresholds"/> does, in place.</summary>
    public void ApplyThresholds(ThresholdSettings thresholds, int version)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Levels = thresholds.Levels;
        Policy = thresholds.Policy;
        var weights = new Dictionary<string, double>(Weights, StringComparer.OrdinalIgnoreCase);
        foreach (var (signal, weight) in thresholds.Weights)
        {
            weights[signal] = weight;
        }

        Weights = weights;
        ThresholdVersion = version;
    }
}
