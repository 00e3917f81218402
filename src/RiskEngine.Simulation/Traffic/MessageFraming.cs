using RiskEngine.Sources;

namespace RiskEngine.Simulation.Traffic;

/// <summary>Frames simulated events as producers send them.</summary>
public static class MessageFraming
{
    /// <summary>
    /// Every event as a message of its own, except Entra sign-ins when <paramref name="entraRecordsPerMessage"/> is more
    /// than one: those go in Azure Monitor diagnostic-settings envelopes (<c>{"records":[...]}</c>) of that many, as an
    /// Event Hub receives them, keyed by their first sign-in and timed by their last (a batch is sent once it is full, and
    /// its message time must not precede its records'). Each format's messages stay in time order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="entraRecordsPerMessage"/> is below 1.</exception>
    public static IEnumerable<FramedMessage> Frame(IEnumerable<SimulatedMessage> messages, int entraRecordsPerMessage, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(entraRecordsPerMessage, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return FrameMessages(messages, entraRecordsPerMessage, tenantId);
    }

    private static IEnumerable<FramedMessage> FrameMessages(IEnumerable<SimulatedMessage> messages, int entraRecordsPerMessage, string tenantId)
    {
        var batch = new List<SimulatedMessage>(entraRecordsPerMessage);
        foreach (var message in messages)
        {
            if (message.Format != SourceFormat.Entra || entraRecordsPerMessage == 1)
            {
                yield return new FramedMessage(message.Format, message.Key, message.Time, message.Payload, [message.Label]);
                continue;
            }

            batch.Add(message);
            if (batch.Count == entraRecordsPerMessage)
            {
                yield return Envelope(batch, tenantId);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            yield return Envelope(batch, tenantId);
        }
    }

    private static FramedMessage Envelope(List<SimulatedMessage> batch, string tenantId) => new(
        SourceFormat.Entra,
        batch[0].Key,
        batch[^1].Time,
        SignInJson.WriteEnvelope([.. batch.Select(m => (m.Label.EventId, m.Payload))], tenantId),
        [.. batch.Select(m => m.Label)]);
}
