using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Signals.Models;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Signals;

/// <summary>Every signal the trust algorithm runs, each configured by its section of <see cref="TrustOptions"/>.</summary>
public static class SignalCatalog
{
    public static ISignal[] Create(TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new ImpossibleTravelSignal(options.ImpossibleTravel),
            new NoveltySignal(SignInTrait.Device, options.NewDevice),
            new NoveltySignal(SignInTrait.Country, options.NewCountry),
            new NoveltySignal(SignInTrait.AutonomousSystem, options.NewAutonomousSystem),
            new NoveltySignal(SignInTrait.UserAgent, options.NewUserAgent),
            new FailedSignInBurstSignal(options.FailedSignInBurst),
            new PasswordSpraySignal(options.PasswordSpray),
            new AnonymizingNetworkSignal(options.AnonymizingNetworks),
            new MfaFatigueSignal(options.MfaFatigue),
            new UnmanagedDeviceSignal(options.UnmanagedDevice),
            new SingleFactorSignInSignal(options.SingleFactorSignIn),
            new SessionReplaySignal(options.SessionReplay),
            new NewDestinationSignal(options.NewDestination),
            new RequestRateSpikeSignal(options.RequestRateSpike),
            new ClientErrorSpikeSignal(options.ClientErrorSpike),
            new BytesSentSpikeSignal(options.BytesSentSpike),
            new DenyBurstSignal(options.DenyBurst),
            new SensitivityEscalationSignal(options.SensitivityEscalation, new ResourceSensitivityClassifier(options.Sensitivity)),
            new ActivityAfterRevocationSignal(options.ActivityAfterRevocation),
            new UnusualActivitySignal(options.UnusualActivity),
            new RareAttributesSignal(options.RareAttributes),
        ];
    }
}
