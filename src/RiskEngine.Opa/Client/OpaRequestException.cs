using System.Net;

namespace RiskEngine.Opa.Client;

/// <summary>
/// OPA answered with an error that retrying will not fix (400, 401, 403, a PUT's 404 write conflict, ...).
/// <see cref="Code"/> and <see cref="OpaMessage"/> are OPA's error body's <c>code</c> and <c>message</c>.
/// </summary>
public sealed class OpaRequestException : Exception
{
    public OpaRequestException()
    {
    }

    public OpaRequestException(string message)
        : base(message)
    {
    }

    public OpaRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OpaRequestException(string message, HttpStatusCode statusCode, string? code, string? opaMessage)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
        OpaMessage = opaMessage;
    }

    public HttpStatusCode StatusCode { get; }

    public string? Code { get; }

    public string? OpaMessage { get; }
}
