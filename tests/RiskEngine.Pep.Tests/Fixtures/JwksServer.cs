using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskEngine.Caep.Signing;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>A JWKS endpoint on loopback over real HTTP, serving whatever keys the test publishes and counting fetches.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string _document = """{"keys":[]}""";
    private int _requests;

    private JwksServer(WebApplication app) => _app = app;

    public Uri Uri { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<JwksServer> StartAsync(params SigningKey[] keys)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new JwksServer(app);
        server.Publish(keys);
        app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref server._requests);
            return Results.Text(Volatile.Read(ref server._document), "application/json");
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Uri = new Uri(new Uri(address), "/.well-known/jwks.json");
        return server;
    }

    public void Publish(params SigningKey[] keys) => Volatile.Write(ref _document, JsonWebKeySet.Write(keys));

    public void PublishDocument(string json) => Volatile.Write(ref _document, json);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
