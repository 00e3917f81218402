using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Identity;

/// <summary>The identity states one pipeline owns. Not thread-safe: one pipeline, one thread.</summary>
public sealed class IdentityStateStore
{
    private readonly Dictionary<string, IdentityState> _states = new(StringComparer.Ordinal);
    private readonly List<IdentityState> _changed = [];
    private readonly TrustOptions _options;
    private readonly SignInHistoryLayout _signInLayout;

    public IdentityStateStore(TrustOptions options)
    {
        _options = options;
        _signInLayout = SignInHistoryLayout.From(options);
    }

    public int Count => _states.Count;

    /// <summary>The identities held, in no particular order: what a whole checkpoint writes.</summary>
    public IEnumerable<IdentityState> States => _states.Values;

    /// <summary>
    /// The identities handed out by <see cref="GetOrAdd"/> since <see cref="MarkSaved"/>: what an incremental
    /// checkpoint writes, so that saving a partition of millions costs what changed rather than what is held.
    /// </summary>
    public IReadOnlyList<IdentityState> Changed => _changed;

    private int KnownDestinationCapacity => _options.NewDestination.KnownDestinationsPerWorkload;

    private int DenyWindowCapacity => DenyBurstOptions.DenyWindowCapacity(_options.DenyBurst.MaxDenies);

    /// <summary>The identity's state, to be changed by an event: it counts as changed until the next <see cref="MarkSaved"/>.</summary>
    public IdentityState GetOrAdd(string identityId)
    {
        ArgumentNullException.ThrowIfNull(identityId);
        if (!_states.TryGetValue(identityId, out var state))
        {
            state = new IdentityState(identityId, _signInLayout, KnownDestinationCapacity, DenyWindowCapacity);
            _states.Add(identityId, state);
        }

        if (!state.ChangedSinceSaved)
        {
            state.ChangedSinceSaved = true;
            _changed.Add(state);
        }

        return state;
    }

    /// <summary>Forgets which identities changed, once a checkpoint holding their present state is stored.</summary>
    public void MarkSaved()
    {
        foreach (var state in _changed)
        {
            state.ChangedSinceSaved = false;
        }

        _changed.Clear();
    }

    /// <summary>Reads one identity a checkpoint wrote and keeps it, in place of any state of the same id.</summary>
    internal void Restore(ref StateReader reader)
    {
        var state = IdentityState.ReadFrom(ref reader, _signInLayout, KnownDestinationCapacity, DenyWindowCapacity);
        _states[state.IdentityId] = state;
    }
}
