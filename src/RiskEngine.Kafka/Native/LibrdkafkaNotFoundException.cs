namespace RiskEngine.Kafka.Native;

/// <summary>librdkafka could not be loaded; the message names the package to install.</summary>
public sealed class LibrdkafkaNotFoundException : Exception
{
    public LibrdkafkaNotFoundException()
    {
    }

    public LibrdkafkaNotFoundException(string message)
        : base(message)
    {
    }

    public LibrdkafkaNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
