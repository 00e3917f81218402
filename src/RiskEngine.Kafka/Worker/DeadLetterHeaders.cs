namespace RiskEngine.Kafka.Worker;

/// <summary>Kafka headers on dead-lettered messages: where the input came from and why it was refused.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "riskengine-dlq-reason";

    /// <summary>The stable code of the reason (<c>malformed-json</c>, <c>oversized</c>...), for filtering and alerting.</summary>
    public const string ReasonCode = "riskengine-dlq-reason-code";
    public const string SourceTopic = "riskengine-source-topic";
    public const string SourcePartition = "riskengine-source-partition";
    public const string SourceOffset = "riskengine-source-offset";

    /// <summary>The record's index within a multi-record message, or -1 for the whole message.</summary>
    public const string RecordIndex = "riskengine-record-index";

    /// <summary>Present when the payload was cut to the dead-letter size limit; with the original length and SHA-256.</summary>
    public const string Truncated = "riskengine-truncated";
    public const string OriginalBytes = "riskengine-original-bytes";
    public const string OriginalSha256 = "riskengine-original-sha256";
}
