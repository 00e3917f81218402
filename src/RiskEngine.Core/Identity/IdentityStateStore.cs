using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Identity;

/// <summary>The identity states one pipeline owns. Not thread-safe: one pipeline, one thread.</summary>
public sealed class IdentityStateStore
{
    private readonly Dictionary<string, IdentityState> _states = new(StringComparer.Ordinal);
    private readonly TrustOptions _options;

    public IdentityStateStore(TrustOptions options) => _options = options;

    public int Count => _states.Count;

    public IdentityState GetOrAdd(string identityId)
    {
        ArgumentNullException.ThrowIfNull(identityId);
        if (!_states.TryGetValue(identityId, out var state))
        {
            state = new IdentityState(
                identityId,
                FailureWindowCapacity(_options.FailedSignInBurst.Threshold),
                _options.NewDevice.KnownDevicesPerIdentity,
                _options.NewDestination.KnownDestinationsPerWorkload,
                DenyBurstOptions.DenyWindowCapacity(_options.DenyBurst.MaxDenies));
            _states.Add(identityId, state);
        }

        return state;
    }

    // Room for more failures than the threshold, so a burst that goes on is seen as one crossing, not many.
    private static int FailureWindowCapacity(int threshold) => Math.Max(threshold * 2, 16);
}
