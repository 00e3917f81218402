using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// A successful sign-in from a device that is not compliant, or not managed, when this identity's sign-ins are
/// habitually from compliant, or managed, devices (<see cref="UnmanagedDeviceOptions"/>): a stolen password or
/// token used from the attacker's own machine. Judged at a device's first use only: the identity's later sign-ins
/// from a device it already uses (a personal phone it has signed in from) are not news.
/// </summary>
public sealed class UnmanagedDeviceSignal : ISignal
{
    public const string SignalName = "unmanaged-device";

    private readonly UnmanagedDeviceOptions _options;

    public UnmanagedDeviceSignal(UnmanagedDeviceOptions options) => _options = options;

    public string Name => SignalName;

    // The habit (how many sign-ins were from compliant and managed devices) the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication() || !identityEvent.Succeeded || state.SignIns is not { } history ||
            history.Knows(SignInTrait.Device, keys.DeviceKey))
        {
            return null;
        }

        // Compliance is the stronger statement (a managed device can fall out of compliance), so it is judged first.
        if (identityEvent.DeviceCompliant == false && IsHabit(history.CompliantDevices))
        {
            return Finding(identityEvent, "not compliant", history.CompliantDevices, "compliant");
        }

        return identityEvent.DeviceManaged == false && IsHabit(history.ManagedDevices)
            ? Finding(identityEvent, "not managed", history.ManagedDevices, "managed")
            : null;
    }

    private bool IsHabit(Share share) => share.Known >= _options.MinSignIns && share.Fraction >= _options.HabitShare;

    private SignalFinding Finding(IdentityEvent identityEvent, string posture, Share habit, string usual)
    {
        var device = identityEvent.DeviceName ?? identityEvent.DeviceId ?? string.Join(" / ", new[] { identityEvent.OperatingSystem, identityEvent.Browser }.Where(p => !string.IsNullOrEmpty(p)));
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"unmanaged device: {(device.Length > 0 ? device : "a device")} is {posture}, where {habit} earlier sign-ins were from {usual} devices");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }
}
