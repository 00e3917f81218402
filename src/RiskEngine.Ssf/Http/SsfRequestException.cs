using Microsoft.AspNetCore.Http;

namespace RiskEngine.Ssf.Http;

/// <summary>A request this transmitter refuses; the endpoints answer it with <see cref="StatusCode"/> and the message as JSON.</summary>
public sealed class SsfRequestException : Exception
{
    public const string InvalidRequest = "invalid_request";

    public SsfRequestException()
        : this("the request is invalid")
    {
    }

    public SsfRequestException(string message)
        : this(message, StatusCodes.Status400BadRequest)
    {
    }

    public SsfRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SsfRequestException(string message, int statusCode, string error = InvalidRequest)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    /// <summary>The <c>err</c> code of the JSON answer.</summary>
    public string Error { get; } = InvalidRequest;

    public static SsfRequestException NotFound(string streamId) =>
        new($"there is no stream '{streamId}'", StatusCodes.Status404NotFound, "not_found");
}
