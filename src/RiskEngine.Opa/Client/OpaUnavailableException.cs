namespace RiskEngine.Opa.Client;

/// <summary>
/// OPA could not be reached or kept answering with a transient error (408, 429, 5xx, no answer in time) through
/// every try of one request; the caller may try again later.
/// </summary>
public sealed class OpaUnavailableException : Exception
{
    public OpaUnavailableException()
    {
    }

    public OpaUnavailableException(string message)
        : base(message)
    {
    }

    public OpaUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
