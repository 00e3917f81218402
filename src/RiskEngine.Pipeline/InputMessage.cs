namespace RiskEngine.Pipeline;

/// <summary>
/// One message as any host receives it. <see cref="Timestamp"/> is the producer's or broker's time for the
/// message, when the transport has one: event times are judged against it rather than against the wall
/// clock, so a replay judges them exactly as production did.
/// </summary>
public readonly record struct InputMessage(
    string Topic,
    int Partition,
    long Offset,
    ReadOnlyMemory<byte> Key,
    ReadOnlyMemory<byte> Value,
    DateTimeOffset? Timestamp);
