using Dapper;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Storage;

namespace RiskEngine.Pipeline.BlastRadius;

/// <summary>
/// The blast-radius guard's trips in the analysts' database (<c>blast_radius_trips</c>), through Dapper, in SQL both
/// SQLite and PostgreSQL run, so that a trip outlives a restart and holds revocations on every instance sharing the
/// database until an analyst confirms it, through any of them. A trip is kept after its confirmation, with who
/// confirmed it and why.
/// </summary>
public sealed class BlastRadiusTripStore(ISqlDialect dialect, TimeProvider time)
{
    private const string Columns =
        "at_ticks AS AtTicks, triggering_event_id AS TriggeringEventId, triggering_identity_id AS TriggeringIdentityId, revocations AS Revocations, " +
        "active_identities AS ActiveIdentities, window_ticks AS WindowTicks, max_action_share AS MaxActionShare";

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => dialect.CreateSchemaAsync(
        [
            "CREATE TABLE IF NOT EXISTS blast_radius_trips (trip_key TEXT NOT NULL PRIMARY KEY, at_ticks BIGINT NOT NULL, " +
                "triggering_event_id TEXT NOT NULL, triggering_identity_id TEXT NOT NULL, revocations BIGINT NOT NULL, " +
                "active_identities DOUBLE PRECISION NOT NULL, window_ticks BIGINT NOT NULL, max_action_share DOUBLE PRECISION NOT NULL, " +
                "recorded_at_ms BIGINT NOT NULL, confirmed_at_ms BIGINT NULL, confirmed_by TEXT NULL, confirm_reason TEXT NULL)",
        ],
        cancellationToken);

    /// <summary>Records <paramref name="trip"/> as unconfirmed; a trip recorded already (by key) is left as it is, confirmed or not.</summary>
    public async Task RecordAsync(BlastRadiusTrip trip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trip);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO blast_radius_trips (trip_key, at_ticks, triggering_event_id, triggering_identity_id, revocations, active_identities, window_ticks, " +
                "max_action_share, recorded_at_ms) VALUES (@Key, @AtTicks, @TriggeringEventId, @TriggeringIdentityId, @Revocations, @ActiveIdentities, " +
                "@WindowTicks, @MaxActionShare, @RecordedAtMs) ON CONFLICT (trip_key) DO NOTHING",
            new
            {
                Key = KeyOf(trip),
                AtTicks = trip.At.UtcTicks,
                trip.TriggeringEventId,
                trip.TriggeringIdentityId,
                trip.Revocations,
                trip.ActiveIdentities,
                WindowTicks = trip.Window.Ticks,
                trip.MaxActionShare,
                RecordedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>The latest trip (in event time) not yet confirmed, or null when every trip is.</summary>
    public async Task<BlastRadiusTrip?> FindUnconfirmedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<TripRow>(new CommandDefinition(
            $"SELECT {Columns} FROM blast_radius_trips WHERE confirmed_at_ms IS NULL ORDER BY at_ticks DESC, trip_key DESC LIMIT 1",
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new BlastRadiusTrip(
                new DateTimeOffset(row.AtTicks, TimeSpan.Zero),
                row.TriggeringEventId,
                row.TriggeringIdentityId,
                (int)row.Revocations,
                row.ActiveIdentities,
                TimeSpan.FromTicks(row.WindowTicks),
                row.MaxActionShare);
    }

    /// <summary>
    /// Confirms <paramref name="trip"/>, and any unconfirmed trip before it, in <paramref name="author"/>'s name; a later
    /// trip stays unconfirmed. Returns how many trips were confirmed.
    /// </summary>
    public async Task<int> ConfirmAsync(BlastRadiusTrip trip, string author, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trip);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE blast_radius_trips SET confirmed_at_ms = @Now, confirmed_by = @author, confirm_reason = @reason " +
                "WHERE confirmed_at_ms IS NULL AND (at_ticks < @AtTicks OR trip_key = @Key)",
            new { Now = time.GetUtcNow().ToUnixTimeMilliseconds(), author, reason, AtTicks = trip.At.UtcTicks, Key = KeyOf(trip) },
            cancellationToken: cancellationToken));
    }

    // Event time and the triggering event: the same trip recorded by a restarted or replaying instance is one row.
    private static string KeyOf(BlastRadiusTrip trip) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{trip.At.UtcTicks}:{trip.TriggeringEventId}");

    private sealed record TripRow(long AtTicks, string TriggeringEventId, string TriggeringIdentityId, long Revocations, double ActiveIdentities, long WindowTicks, double MaxActionShare);
}
