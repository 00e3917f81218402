using System.Text.Json;
using RiskEngine.Core.Policy.BlastRadius;

namespace RiskEngine.Kafka.Worker;

/// <summary>A trip of the blast-radius guard as JSON (schemas/blast-radius-alert.schema.json): the alert record, and the admin API's view of a trip.</summary>
public static class BlastRadiusAlert
{
    public const string Type = "blast-radius-tripped";

    public static byte[] Json(BlastRadiusTrip trip)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, trip);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, BlastRadiusTrip trip)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trip);
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("at", trip.At);
        writer.WriteString("triggeringEventId", trip.TriggeringEventId);
        writer.WriteString("triggeringIdentityId", trip.TriggeringIdentityId);
        writer.WriteNumber("revocations", trip.Revocations);
        writer.WriteNumber("activeIdentities", Math.Round(trip.ActiveIdentities));
        writer.WriteNumber("share", Math.Round(trip.Share, 4));
        writer.WriteNumber("maxActionShare", trip.MaxActionShare);
        writer.WriteNumber("windowSeconds", trip.Window.TotalSeconds);
        writer.WriteString("description", trip.Describe());
        writer.WriteEndObject();
    }
}
