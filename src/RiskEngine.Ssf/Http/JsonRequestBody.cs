using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RiskEngine.Ssf.Http;

/// <summary>Reads a request's JSON body, up to a size limit, into a document; anything else is an <see cref="SsfRequestException"/>.</summary>
internal static class JsonRequestBody
{
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // One byte past the limit tells an oversize body from one exactly at it, whatever the Content-Length said.
        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? maxBytes + 1)];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }
        }

        if (length == 0)
        {
            throw new SsfRequestException("the request needs a JSON body");
        }

        try
        {
            return JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new SsfRequestException($"the body is not valid JSON: {ex.Message}", ex);
        }
    }

    private static SsfRequestException TooLarge(int maxBytes) =>
        new($"the request body exceeds the limit of {maxBytes:N0} bytes");
}
