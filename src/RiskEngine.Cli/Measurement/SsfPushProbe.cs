using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RiskEngine.Caep;
using RiskEngine.Cli.Hosting;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// An RFC 8935 push receiver on loopback with a session-revoked stream created for it through the engine's SSF
/// management API; records, by <c>txn</c> (kept when the transmitter re-addresses a SET), when each SET arrived.
/// </summary>
public sealed class SsfPushProbe : IAsyncDisposable
{
    private const string ReceiverPath = "/events";

    private readonly WebApplication _receiver;

    private SsfPushProbe(WebApplication receiver) => _receiver = receiver;

    public ArrivalLog Received { get; } = new();

    public static async Task<SsfPushProbe> StartAsync(Uri engineBase, string manageToken, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = builder.Build();
        var probe = new SsfPushProbe(receiver);
        receiver.MapPost(ReceiverPath, async (HttpRequest request) =>
        {
            var arrivedAt = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(request.Body, Encoding.ASCII);
            probe.Received.Record(UnverifiedSetClaims.Txn(await reader.ReadToEndAsync()), arrivedAt);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await receiver.StartAsync(cancellationToken);

        var address = EngineHost.ListenAddress(receiver);
        var stream = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["delivery"] = new Dictionary<string, string> { ["method"] = "urn:ietf:rfc:8935", ["endpoint_url"] = new Uri(address, ReceiverPath).ToString() },
            ["events_requested"] = new[] { CaepEventTypes.SessionRevoked },
        });
        using var client = new HttpClient { BaseAddress = engineBase };
        using var create = new HttpRequestMessage(HttpMethod.Post, "ssf/stream") { Content = new StringContent(stream, Encoding.UTF8, "application/json") };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", manageToken);
        using var response = await client.SendAsync(create, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The SSF transmitter refused the measurement stream: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
    }
}
