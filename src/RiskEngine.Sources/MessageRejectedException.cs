namespace RiskEngine.Sources;

/// <summary>
/// Thrown inside a decoder when a whole message cannot be an event of its format; the decoder turns it into
/// one rejected <see cref="DecodedRecord"/>. The message text is the dead-letter reason.
/// </summary>
public sealed class MessageRejectedException : Exception
{
    public MessageRejectedException()
    {
    }

    public MessageRejectedException(string message)
        : base(message)
    {
    }

    public MessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MessageRejectedException(RejectionCode code, string message)
        : base(message) => Code = code;

    public RejectionCode Code { get; } = RejectionCode.WrongShape;
}
