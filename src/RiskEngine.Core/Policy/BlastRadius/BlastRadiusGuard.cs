using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;

namespace RiskEngine.Core.Policy.BlastRadius;

/// <summary>
/// Holds revocations once they exceed <see cref="BlastRadiusOptions.MaxActionShare"/> of the identities active in a
/// sliding window of event time (<see cref="ActivityWindow"/>), until an analyst confirms. Event time alone moves the
/// window, so a replay of the same events trips at the same event.
/// </summary>
/// <remarks>
/// One guard serves every scoring stage of an instance, each on its own thread, behind one lock: the share is of the
/// identities the instance sees, not those of one stage's partitions, so adding stages does not make each stage's
/// flood look smaller, and one confirmation releases them all. The window follows the latest event time any stage has
/// reached; a stage lagging behind by more than the window has its events left out of the counts.
/// </remarks>
public sealed class BlastRadiusGuard
{
    private readonly BlastRadiusOptions _options;
    private readonly ActivityWindow? _window;
    private readonly Lock _lock = new();
    private BlastRadiusTrip? _trip;

    public BlastRadiusGuard(BlastRadiusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _window = options.Enabled ? new ActivityWindow(options.Window) : null;
    }

    /// <summary>The trip holding revocations, or null while they are allowed.</summary>
    public BlastRadiusTrip? Trip => Volatile.Read(ref _trip);

    /// <summary>Revocations and active identities in the window now; zeros when the guard is disabled.</summary>
    public (int Revocations, double ActiveIdentities) Counts()
    {
        if (_window is null)
        {
            return (0, 0);
        }

        lock (_lock)
        {
            return (_window.Revocations, _window.ActiveIdentities);
        }
    }

    /// <summary>Counts the event's identity as active.</summary>
    public void Observe(IdentityEvent identityEvent)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        if (_window is null)
        {
            return;
        }

        var hash = XxHash64.HashUtf16(identityEvent.IdentityId);
        lock (_lock)
        {
            _window.AddIdentity(hash, identityEvent.Timestamp);
        }
    }

    /// <summary>Counts a revocation the policy decided on for this event, and says whether it may go out.</summary>
    /// <param name="heldBy">The trip holding it, when it is held.</param>
    public RevocationGate Revoke(IdentityEvent trigger, out BlastRadiusTrip? heldBy)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        heldBy = null;
        if (_window is null)
        {
            return RevocationGate.Allowed;
        }

        lock (_lock)
        {
            _window.AddRevocation(trigger.Timestamp);
            if (_trip is not null)
            {
                heldBy = _trip;
                return RevocationGate.Held;
            }

            var revocations = _window.Revocations;
            var active = _window.ActiveIdentities;
            if (revocations < _options.MinActions || active < _options.MinActiveIdentities || revocations <= _options.MaxActionShare * active)
            {
                return RevocationGate.Allowed;
            }

            heldBy = new BlastRadiusTrip(trigger.Timestamp, trigger.EventId, trigger.IdentityId, revocations, active, _options.Window, _options.MaxActionShare);
            Volatile.Write(ref _trip, heldBy);
            return RevocationGate.Tripped;
        }
    }

    /// <summary>
    /// An analyst's word that the revocations were legitimate: they are allowed again, and those counted so far no
    /// longer count, so the guard trips again only on as many more. Returns the trip confirmed, or null when there was none.
    /// </summary>
    public BlastRadiusTrip? Confirm()
    {
        lock (_lock)
        {
            var confirmed = _trip;
            return confirmed is not null && Release(confirmed) ? confirmed : null;
        }
    }

    /// <summary>
    /// Confirms <paramref name="trip"/> only while it is the trip holding revocations: an analyst confirmed it through
    /// another instance, and a trip of this instance's since must not be let go with it. False when it is not.
    /// </summary>
    public bool Release(BlastRadiusTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        lock (_lock)
        {
            if (_window is null || !Equals(_trip, trip))
            {
                return false;
            }

            Volatile.Write(ref _trip, null);
            _window.ClearRevocations();
            return true;
        }
    }

    /// <summary>
    /// Holds revocations under <paramref name="trip"/>, recorded before a restart or by another instance, until it is
    /// confirmed. False, changing nothing, when the guard is disabled or a trip holds them already.
    /// </summary>
    public bool Hold(BlastRadiusTrip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        lock (_lock)
        {
            if (_window is null || _trip is not null)
            {
                return false;
            }

            Volatile.Write(ref _trip, trip);
            return true;
        }
    }
}
