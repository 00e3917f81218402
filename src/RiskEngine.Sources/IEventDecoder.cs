namespace RiskEngine.Sources;

/// <summary>
/// Turns one message of a source format into canonical events. Implementations are stateless and thread-safe,
/// do no I/O, and never throw for bad input: every record of the message yields exactly one
/// <see cref="DecodedRecord"/> (accepted, rejected with a reason, or skipped), and a message that cannot be
/// read at all yields one rejected record for the whole message.
/// </summary>
public interface IEventDecoder
{
    SourceFormat Format { get; }

    /// <summary>Appends the records of <paramref name="message"/> to <paramref name="records"/>.</summary>
    void Decode(ReadOnlySpan<byte> message, List<DecodedRecord> records);
}
