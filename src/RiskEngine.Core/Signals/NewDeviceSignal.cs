using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>A successful sign-in from a device this identity has never used.</summary>
public sealed class NewDeviceSignal : ISignal
{
    public const string SignalName = "new-device";

    private readonly NewDeviceOptions _options;

    public NewDeviceSignal(NewDeviceOptions options) => _options = options;

    public string Name => SignalName;

    // What it judges by (the last sign-in, devices, failures) the identity's state learns for every sign-in signal.
    public void Observe(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication())
        {
            return null;
        }

        if (!identityEvent.Succeeded || state.SuccessfulSignIns < _options.MinSuccessfulSignIns)
        {
            return null;
        }

        var fingerprint = DeviceFingerprint.Of(identityEvent);
        if (fingerprint == DeviceFingerprint.None || state.Devices.Contains(fingerprint))
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"new device: {DescribeDevice(identityEvent)}, not among the {state.Devices.Count} device(s) of {state.SuccessfulSignIns} earlier sign-ins");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    private static string DescribeDevice(IdentityEvent identityEvent)
    {
        var client = string.Join(
            " / ",
            new[] { identityEvent.OperatingSystem, identityEvent.Browser }.Where(part => !string.IsNullOrEmpty(part)));
        return (identityEvent.DeviceName, identityEvent.DeviceId) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $"{name} ({id}, {client})",
            (_, { Length: > 0 } id) => $"{id} ({client})",
            _ => $"unregistered {client}",
        };
    }
}
