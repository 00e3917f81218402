namespace RiskEngine.Sources.Entra;

/// <summary>A message that is JSON but cannot be an Entra sign-in message; the text is the dead-letter reason.</summary>
public sealed class EntraFormatException : Exception
{
    public EntraFormatException()
    {
    }

    public EntraFormatException(string message)
        : base(message)
    {
    }

    public EntraFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
