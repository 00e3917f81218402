using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RiskEngine.Cli.Hosting;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// Where the engine's OPA mirror writes during a measurement: OPA's Data API write endpoints (<c>PUT</c> and
/// <c>PATCH /v1/data/...</c>) on loopback, recording by <c>jti</c> when each revocation reached OPA's data. It
/// answers writes as OPA does (204) and keeps no document: the mirror's read-back is set beyond the run.
/// </summary>
public sealed class OpaDataProbe : IAsyncDisposable
{
    private readonly WebApplication _server;

    private OpaDataProbe(WebApplication server) => _server = server;

    public ArrivalLog Held { get; } = new();

    public Uri BaseUrl => EngineHost.ListenAddress(_server);

    public static async Task<OpaDataProbe> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = builder.Build();
        var probe = new OpaDataProbe(server);
        server.MapMethods("/v1/data/{**path}", [HttpMethods.Put, HttpMethods.Patch], async (HttpRequest request) =>
        {
            var arrivedAt = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            probe.RecordRevocations(body.RootElement, arrivedAt);
            return Results.NoContent();
        });
        await server.StartAsync(cancellationToken);
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    // A PUT carries the whole document and a PATCH its operations; either way each revocation is an object with a "jti".
    private void RecordRevocations(JsonElement element, long arrivedAt)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (member.NameEquals("jti") && member.Value.GetString() is { } jti)
                    {
                        Held.Record(jti, arrivedAt);
                    }
                    else
                    {
                        RecordRevocations(member.Value, arrivedAt);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    RecordRevocations(item, arrivedAt);
                }

                break;
        }
    }
}
