using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Policy;

namespace RiskEngine.Replay.Reporting;

/// <summary>
/// Actions taken per kind per hour of event time. Grows with the hours the replay spans, not with its events, and
/// is written as at most <see cref="MaxBars"/> bars of whole hours each.
/// </summary>
public sealed class ActionsOverTime
{
    public const int MaxBars = 200;

    private static readonly TrustAction[] Kinds = [TrustAction.RevokeSession, TrustAction.StepUp, TrustAction.RiskLevelChange];

    private readonly Dictionary<long, long[]> _byHour = [];

    public static IReadOnlyList<TrustAction> AllKinds => Kinds;

    public void Add(DateTimeOffset time, TrustAction actions)
    {
        if (actions == TrustAction.None)
        {
            return;
        }

        var hour = time.ToUnixTimeSeconds() / 3600;
        if (!_byHour.TryGetValue(hour, out var counts))
        {
            counts = new long[Kinds.Length];
            _byHour.Add(hour, counts);
        }

        for (var kind = 0; kind < Kinds.Length; kind++)
        {
            if (actions.HasFlag(Kinds[kind]))
            {
                counts[kind]++;
            }
        }
    }

    /// <summary>
    /// <c>{"bucketHours":n,"kinds":[...],"bars":[{"t":ms,"time":"...","counts":[...]}]}</c>: bars from the first hour
    /// with an action to the last, empty ones included so the time axis is even.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        var hours = _byHour.Keys.Order().ToList();
        var bucketHours = hours.Count == 0 ? 1 : (int)Math.Max(1, ((hours[^1] - hours[0]) / MaxBars) + 1);
        writer.WriteNumber("bucketHours", bucketHours);
        writer.WriteStartArray("kinds");
        foreach (var kind in Kinds)
        {
            writer.WriteStringValue(kind.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("bars");
        if (hours.Count > 0)
        {
            for (var start = hours[0]; start <= hours[^1]; start += bucketHours)
            {
                var counts = new long[Kinds.Length];
                for (var hour = start; hour < start + bucketHours; hour++)
                {
                    if (_byHour.TryGetValue(hour, out var inHour))
                    {
                        for (var kind = 0; kind < Kinds.Length; kind++)
                        {
                            counts[kind] += inHour[kind];
                        }
                    }
                }

                var from = DateTimeOffset.FromUnixTimeSeconds(start * 3600);
                writer.WriteStartObject();
                writer.WriteNumber("t", from.ToUnixTimeMilliseconds());
                writer.WriteString("time", from.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
                writer.WriteStartArray("counts");
                foreach (var count in counts)
                {
                    writer.WriteNumberValue(count);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
