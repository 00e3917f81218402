using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;

namespace RiskEngine.Replay.Replaying;

/// <summary>The one candidate setting a replay scores with: it never changes while the replay runs.</summary>
internal sealed class FixedTrustSettings(TrustOptions options) : IOptionsMonitor<TrustOptions>
{
    public TrustOptions CurrentValue => options;

    public TrustOptions Get(string? name) => options;

    public IDisposable? OnChange(Action<TrustOptions, string?> listener) => null;
}
