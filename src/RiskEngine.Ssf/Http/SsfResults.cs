using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RiskEngine.Ssf.Http;

/// <summary>The answers every SSF endpoint shares: JSON errors shaped as RFC 8935 §2.3 shapes them, and JSON bodies never cached.</summary>
internal static class SsfResults
{
    public const string JsonContentType = "application/json";

    /// <summary><c>{"err": "...", "description": "..."}</c>.</summary>
    public static IResult Error(int statusCode, string error, string description) =>
        Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("err"u8, error);
            writer.WriteString("description"u8, description);
            writer.WriteEndObject();
        }, statusCode);

    public static IResult Error(SsfRequestException exception) => Error(exception.StatusCode, exception.Error, exception.Message);

    public static IResult Json(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new NoStoreResult(Results.Bytes(buffer.WrittenMemory.ToArray(), JsonContentType), statusCode);
    }

    public static IResult Empty(int statusCode) => new NoStoreResult(Results.StatusCode(statusCode), statusCode);

    /// <summary>SSF's examples answer with <c>Cache-Control: no-store</c>: stream state must not come from a cache.</summary>
    private sealed class NoStoreResult(IResult inner, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
