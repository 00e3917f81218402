namespace RiskEngine.Ssf.Streams;

/// <summary>One SSF event stream: what its receiver asked for, where its SETs go, and whether they flow.</summary>
/// <param name="StreamId">Chosen by the transmitter.</param>
/// <param name="Audiences">The <c>aud</c> every SET of the stream carries.</param>
/// <param name="EventsRequested">Receiver-supplied; what is delivered is this intersected with <see cref="TransmittedEvents.Supported"/>.</param>
/// <param name="Delivery">How SETs reach the receiver.</param>
/// <param name="Description">Receiver-supplied, for people.</param>
/// <param name="Status">Enabled, paused or disabled.</param>
/// <param name="StatusReason">Why the status was last changed, when the receiver said.</param>
public sealed record StreamConfiguration(
    string StreamId,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> EventsRequested,
    StreamDelivery Delivery,
    string? Description,
    StreamStatus Status,
    string? StatusReason)
{
    /// <summary><c>events_delivered</c>: the requested types this transmitter issues, in the order requested.</summary>
    public IReadOnlyList<string> EventsDelivered => [.. EventsRequested.Where(TransmittedEvents.Supported.Contains)];

    public bool Delivers(string eventType) => TransmittedEvents.Supported.Contains(eventType) && EventsRequested.Contains(eventType, StringComparer.Ordinal);
}
