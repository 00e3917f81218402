using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;

namespace RiskEngine.Thresholds.Hosting;

/// <summary>
/// Lays the stored thresholds version over the configured Trust settings each time they are built. A version that
/// no longer makes sense with the configuration (the configuration changed after it was stored) is not applied:
/// the last version that did stays, and the refusal is logged with its reasons.
/// </summary>
public sealed partial class StoredThresholdsOverlay(StoredThresholds stored, ILogger<StoredThresholdsOverlay> logger) : IPostConfigureOptions<TrustOptions>
{
    private Storage.ThresholdVersion? _applied;

    public void PostConfigure(string? name, TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (stored.Current is not { } current)
        {
            return;
        }

        if (current.Thresholds.ApplyTo(options, current.Version) is { Succeeded: false } refused)
        {
            LogRefused(current.Version, string.Join(" ", refused.Failures));
            current = Volatile.Read(ref _applied) is { } earlier && earlier.Thresholds.ApplyTo(options, earlier.Version).Succeeded ? earlier : null;
            if (current is null)
            {
                return;
            }
        }

        options.ApplyThresholds(current.Thresholds, current.Version);
        Volatile.Write(ref _applied, current);
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Thresholds version {Version} makes no sense with the configured Trust settings and is not applied: {Reasons}")]
    private partial void LogRefused(int version, string reasons);
}
