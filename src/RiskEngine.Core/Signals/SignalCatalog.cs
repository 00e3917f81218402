using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Signals.Models;
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
            new NewDeviceSignal(options.NewDevice),
            new FailedSignInBurstSignal(options.FailedSignInBurst),
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
