using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Uploads as OPA's decision-log plugin makes them: a gzip-compressed JSON array of decisions, with a bearer token.</summary>
public static class OpaUploads
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] gzipBody, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(gzipBody) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    public static byte[] DecisionArray(IEnumerable<string> ids) => Encoding.UTF8.GetBytes("[" + string.Join(',', ids.Select(id => $$"""
        {"decision_id":"{{id}}","timestamp":"{{DateTime.UtcNow:O}}","path":"app/authz/allow","labels":{"id":"opa-1","version":"0.70.0"},
         "input":{"user":"alice@contoso.example","method":"GET","path":["finance","salary","alice"]},"result":true}
        """)) + "]");

    public static byte[] Gzip(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }
}
