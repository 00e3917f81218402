using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Mesh;

/// <summary>
/// A workload calling a destination it has never called, after its learning period: lateral movement from a
/// compromised pod, or data taken somewhere new.
/// </summary>
/// <remarks>
/// At its first call a new edge from one pod looks the same as the first pod of a rollout that adds a dependency;
/// the difference shows within minutes, when the other instances of the service (same SPIFFE ID, other source
/// addresses) start calling it too. A penalty cannot be taken back once paid: trust is lowered at once, and a
/// revocation and its signed SET may already have gone out. So the signal does not fire at first sight: it holds
/// the new destination for <see cref="NewDestinationOptions.RolloutWindow"/> and learns it silently as soon as
/// <see cref="NewDestinationOptions.RolloutMinAddresses"/> addresses have called it; otherwise it fires on the
/// workload's first request after the window, whatever that request's destination. The price is a finding one
/// window late, and none at all if the workload makes no request after the window.
/// </remarks>
public sealed class NewDestinationSignal : ISignal
{
    public const string SignalName = "new-destination";

    private readonly NewDestinationOptions _options;

    public NewDestinationSignal(NewDestinationOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.ServiceRequest || state.Workload is not { } workload)
        {
            return null;
        }

        var slot = workload.OldestExpiredPending(identityEvent.Timestamp, _options.RolloutWindow);
        if (slot < 0)
        {
            return null;
        }

        var pending = workload.PendingAt(slot);
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"new destination: {pending.Name}, first called at {pending.FirstSeenAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z from {pending.FirstAddress ?? "an unknown address"} " +
            $"and from {pending.Addresses.Count} source address(es) in the {_options.RolloutWindow.TotalMinutes:0.#} min after (a rollout shows {_options.RolloutMinAddresses}); " +
            $"not among the {workload.KnownDestinationCount} destination(s) it called since {workload.FirstRequestAt.UtcDateTime:yyyy-MM-dd HH:mm}Z");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.ServiceRequest)
        {
            return;
        }

        var now = identityEvent.Timestamp;
        var workload = state.GetOrAddWorkload(now);
        var expired = workload.OldestExpiredPending(now, _options.RolloutWindow);
        if (expired >= 0)
        {
            workload.ResolvePending(expired); // Evaluate fired for it
        }

        if (identityEvent.AppDisplayName is not { Length: > 0 } name)
        {
            return;
        }

        var destination = XxHash64.HashUtf16(name);
        if (now < workload.FirstRequestAt + _options.LearningPeriod || workload.KnowsDestination(destination))
        {
            workload.RememberDestination(destination);
            return;
        }

        var slot = workload.PendingIndexOf(destination);
        var pending = slot >= 0
            ? workload.PendingAt(slot)
            : new PendingDestination(destination, name, now.UtcTicks, identityEvent.IpAddress, default);
        if (identityEvent.IpAddress is { Length: > 0 } address)
        {
            var source = AddressHash(address);
            if (slot >= 0 && !pending.Addresses.Contains(source) && pending.Addresses.Count + 1 >= _options.RolloutMinAddresses)
            {
                workload.ResolvePending(slot); // a rollout: learned without a finding
                return;
            }

            pending = pending with { Addresses = pending.Addresses.With(source) };
        }

        if (slot >= 0)
        {
            workload.UpdatePending(slot, pending);
        }
        else
        {
            // With every slot taken the destination is not held now; a later call to it is seen as new again.
            workload.TryAddPending(pending);
        }
    }

    private static uint AddressHash(string address)
    {
        var hash = XxHash64.HashUtf16(address);
        return (uint)(hash ^ (hash >> 32));
    }
}
