using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RiskEngine.Http.Responses;

/// <summary>A JSON response written with a <see cref="Utf8JsonWriter"/>, for the admin APIs that shape their JSON by hand.</summary>
public static class JsonBody
{
    public static IResult Of(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, status);
    }
}
