using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Identity;

/// <summary>The identity states one pipeline owns. Not thread-safe: one pipeline, one thread.</summary>
public sealed class IdentityStateStore
{
    private readonly Dictionary<string, IdentityState> _states = new(StringComparer.Ordinal);
    private readonly TrustOptions _options;
    private readonly SignInHistoryLayout _signInLayout;

    public IdentityStateStore(TrustOptions options)
    {
        _options = options;
        _signInLayout = SignInHistoryLayout.From(options);
    }

    public int Count => _states.Count;

    public IdentityState GetOrAdd(string identityId)
    {
        ArgumentNullException.ThrowIfNull(identityId);
        if (!_states.TryGetValue(identityId, out var state))
        {
            state = new IdentityState(
                identityId,
                _signInLayout,
                _options.NewDestination.KnownDestinationsPerWorkload,
                DenyBurstOptions.DenyWindowCapacity(_options.DenyBurst.MaxDenies));
            _states.Add(identityId, state);
        }

        return state;
    }
}
