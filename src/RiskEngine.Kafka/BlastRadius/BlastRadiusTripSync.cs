using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Pipeline.BlastRadius;

namespace RiskEngine.Kafka.BlastRadius;

/// <summary>
/// Keeps the instance's <see cref="BlastRadiusGuard"/> and the <see cref="BlastRadiusTripStore"/> in agreement, so a
/// trip outlives a restart and holds revocations on every instance until an analyst confirms it through any of them.
/// At start, before the scoring stage reads anything, an unconfirmed trip in the store is held. Then, a trip of this
/// instance's is recorded within <see cref="TripCheckInterval"/>, and every <see cref="StoreCheckInterval"/> the store
/// is read: another instance's trip is held here too, and a trip confirmed elsewhere is released here.
/// </summary>
public sealed partial class BlastRadiusTripSync(BlastRadiusGuard guard, BlastRadiusTripStore store, TimeProvider time, ILogger<BlastRadiusTripSync> logger) : BackgroundService
{
    public static readonly TimeSpan TripCheckInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan StoreCheckInterval = TimeSpan.FromSeconds(1);

    private BlastRadiusTrip? _recorded;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        if (await store.FindUnconfirmedAsync(cancellationToken) is { } stored && guard.Hold(stored))
        {
            _recorded = stored;
            LogHeldFromStore(logger, stored.Describe());
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A trip of the last moments is recorded before the engine goes, so the next start holds it too.
        if (guard.Trip is { } trip && !Equals(trip, _recorded))
        {
            await store.RecordAsync(trip, cancellationToken);
            _recorded = trip;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRead = time.GetTimestamp();
        using var timer = new PeriodicTimer(TripCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (guard.Trip is { } trip && !Equals(trip, _recorded))
                {
                    await store.RecordAsync(trip, stoppingToken);
                    _recorded = trip;
                }

                if (time.GetElapsedTime(lastRead) >= StoreCheckInterval)
                {
                    lastRead = time.GetTimestamp();
                    await AgreeWithStoreAsync(stoppingToken);
                }
            }
            catch (DbException ex)
            {
                // The guard goes on holding or allowing as it does; the store is tried again at the next tick.
                LogStoreFailed(logger, ex);
            }
        }
    }

    private async Task AgreeWithStoreAsync(CancellationToken cancellationToken)
    {
        var stored = await store.FindUnconfirmedAsync(cancellationToken);
        if (stored is null && _recorded is { } recorded && guard.Release(recorded))
        {
            LogConfirmedElsewhere(logger, recorded.Describe());
        }
        else if (stored is not null && guard.Trip is null && guard.Hold(stored))
        {
            _recorded = stored;
            LogHeldFromStore(logger, stored.Describe());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The blast-radius guard holds revocations for a trip recorded before this start or by another instance, not yet confirmed: {Trip}")]
    private static partial void LogHeldFromStore(ILogger logger, string trip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The blast-radius guard lets revocations out again: its trip was confirmed through another instance ({Trip})")]
    private static partial void LogConfirmedElsewhere(ILogger logger, string trip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The blast-radius trip store could not be read or written; retrying")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
