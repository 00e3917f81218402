using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Ssf.Tests.Support;

/// <summary>
/// A push receiver on Kestrel that records every request and answers as <see cref="Respond"/> says (202 by default),
/// for the transmitter's own behaviour: ordering, retries, holding. Interoperability is the Python peers' job.
/// </summary>
public sealed class ReceiverStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReceiverStub(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + "/events");
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<ReceivedPush> Requests { get; } = new();

    /// <summary>Given the SET and how many requests came before it, the status and body to answer with.</summary>
    public Func<string, int, (int Status, string? Body)> Respond { get; set; } = (_, _) => (StatusCodes.Status202Accepted, null);

    /// <summary>The SETs answered 202, in the order they were accepted.</summary>
    public IReadOnlyList<string> Accepted => [.. Requests.Where(request => request.Status == StatusCodes.Status202Accepted).Select(request => request.Token)];

    public static async Task<ReceiverStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ReceiverStub? stub = null;
        app.MapPost("/events", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var token = await reader.ReadToEndAsync();
            var (status, body) = stub!.Respond(token, stub.Requests.Count);
            stub.Requests.Enqueue(new ReceivedPush(token, context.Request.ContentType, context.Request.Headers.Authorization.ToString(), status));
            context.Response.StatusCode = status;
            if (body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            }
        });
        await app.StartAsync();
        stub = new ReceiverStub(app);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
