using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>A successful sign-in from a device this identity has never used.</summary>
public sealed class NewDeviceSignal : ISignInSignal
{
    public const string SignalName = "new-device";

    private readonly NewDeviceOptions _options;

    public NewDeviceSignal(NewDeviceOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent signIn, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(state);
        if (!signIn.Succeeded || state.SuccessfulSignIns < _options.MinSuccessfulSignIns)
        {
            return null;
        }

        var fingerprint = DeviceFingerprint.Of(signIn);
        if (fingerprint == DeviceFingerprint.None || state.Devices.Contains(fingerprint))
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"new device: {DescribeDevice(signIn)}, not among the {state.Devices.Count} device(s) of {state.SuccessfulSignIns} earlier sign-ins");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    private static string DescribeDevice(IdentityEvent signIn)
    {
        var client = string.Join(
            " / ",
            new[] { signIn.OperatingSystem, signIn.Browser }.Where(part => !string.IsNullOrEmpty(part)));
        return (signIn.DeviceName, signIn.DeviceId) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $"{name} ({id}, {client})",
            (_, { Length: > 0 } id) => $"{id} ({client})",
            _ => $"unregistered {client}",
        };
    }
}
