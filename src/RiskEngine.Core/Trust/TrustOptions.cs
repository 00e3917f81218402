using System.ComponentModel.DataAnnotations;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Signals.Models;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Trust;

/// <summary>How trust is lost, regained, and when its loss revokes sessions. Bound from the "Trust" section.</summary>
public sealed class TrustOptions
{
    public const string SectionName = "Trust";

    /// <summary>A score below this revokes the identity's session.</summary>
    [Range(0, 100)]
    public double RevokeThreshold { get; set; } = 40;

    /// <summary>
    /// Once revoked, the identity is not revoked again until its score climbs back to this; without the gap
    /// a score hovering at the threshold would revoke on every event.
    /// </summary>
    [Range(0, 100)]
    public double RearmThreshold { get; set; } = 60;

    /// <summary>Trust regained per hour of event time, so an old incident stops counting against an identity.</summary>
    [Range(0, 100)]
    public double RecoveryPerHour { get; set; } = 10;

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
}
