using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;
using RiskEngine.Testing;
using RiskEngine.Thresholds.Api;

namespace RiskEngine.Thresholds.Tests.Support;

/// <summary>The thresholds admin API on Kestrel (loopback, a free port), over a SQLite file and a token file in a temporary directory.</summary>
internal sealed class ThresholdsApiServer : IAsyncDisposable
{
    public const string WriteToken = "analyst-token";
    public const string ReadToken = "auditor-token";
    public const string OtherScopeToken = "ssf-token";

    private readonly TemporaryDirectory _directory;
    private readonly WebApplication _app;

    private ThresholdsApiServer(WebApplication app, TemporaryDirectory directory)
    {
        _app = app;
        _directory = directory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public HttpClient Client { get; }

    public IOptionsMonitor<TrustOptions> Trust => _app.Services.GetRequiredService<IOptionsMonitor<TrustOptions>>();

    public static async Task<ThresholdsApiServer> StartAsync()
    {
        var directory = new TemporaryDirectory();
        var tokens = Path.Combine(directory.Path, "tokens");
        await File.WriteAllTextAsync(tokens, $"# token scopes\n{WriteToken} thresholds:write\n{ReadToken} thresholds:read\n{OtherScopeToken} ssf.read\n");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = directory.Path,
            ["Thresholds:TokenFile"] = tokens,
        });
        builder.Services.AddOptions<TrustOptions>().Bind(builder.Configuration.GetSection(TrustOptions.SectionName));
        builder.Services.AddStoredThresholds(builder.Configuration);
        var app = builder.Build();
        app.MapThresholdsApi();
        await app.StartAsync();
        return new ThresholdsApiServer(app, directory);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}
