using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Ssf.Dispatch;
using RiskEngine.Ssf.Storage;

namespace RiskEngine.Ssf.Tests.Support;

/// <summary>
/// The SSF transmitter on Kestrel (loopback, a free port) with a real signing key and a SQLite file in
/// <see cref="Directory"/>, without Kafka: tests feed SETs through the dispatcher. Starting a second one on the same
/// directory is a restart: same key, same database.
/// </summary>
public sealed class TestTransmitter : IAsyncDisposable
{
    public const string Issuer = "https://transmitter.test/tenant-a";
    public const string ManageToken = "manage-token";
    public const string ReadToken = "read-token";
    public const string ScopelessToken = "scopeless-token";
    public const string JwksPath = "/.well-known/jwks.json";

    private readonly WebApplication _app;

    private TestTransmitter(WebApplication app, string directory)
    {
        _app = app;
        Directory = directory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public string Directory { get; }

    public Uri BaseUri { get; }

    public Uri JwksUri => new(BaseUri, JwksPath.TrimStart('/'));

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestTransmitter> StartAsync(string directory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var keyFile = Path.Combine(directory, "signing-key.pem");
        if (!File.Exists(keyFile))
        {
            using var rsa = RSA.Create(2048);
            await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(
                Path.Combine(directory, "tokens"),
                $"# token scopes\n{ManageToken} ssf.manage\n{ReadToken} ssf.read\n{ScopelessToken}\n");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ssf:Enabled"] = "true",
            ["Ssf:AllowHttpEndpoints"] = "true",
            ["Ssf:TokenFile"] = Path.Combine(directory, "tokens"),
            ["Ssf:Storage:DataDirectory"] = directory,
            ["Ssf:MinVerificationInterval"] = "00:00:30",
            ["Ssf:Push:InitialRetryDelay"] = "00:00:00.050",
            ["Ssf:Push:MaxRetryDelay"] = "00:00:00.200",
            ["Ssf:Push:IdleCheckInterval"] = "00:00:00.100",
            ["Ssf:Push:RequestTimeout"] = "00:00:05",
            ["Ssf:Poll:LongPollTimeout"] = "00:00:03",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.Configure<CaepOptions>(caep => caep.Issuer = Issuer);
        builder.Services.Configure<SigningOptions>(signing => signing.KeyFile = keyFile);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ISigningKeyProvider, SigningKeyProvider>();
        builder.Services.AddSingleton<SecurityEventTokenIssuer>();
        builder.Services.AddSsfTransmitter(builder.Configuration, consumeSetTopic: false);

        var app = builder.Build();
        app.MapGet(JwksPath, (ISigningKeyProvider keys) => Results.Text(JsonWebKeySet.Write(keys.PublishedKeys), "application/jwk-set+json"));
        app.MapSsfTransmitter(JwksPath);
        await app.StartAsync();
        return new TestTransmitter(app, directory);
    }

    /// <summary>A SET as the scoring stage puts it on the SET topic: session-revoked for the user, signed by this transmitter's key.</summary>
    public string IssueRevocation(string identity, string triggeringEventId, string? sessionId = null) =>
        Services.GetRequiredService<SecurityEventTokenIssuer>().Issue(new SessionRevoked(), new SecurityEventCause
        {
            IdentityId = identity,
            Email = identity + "@example.com",
            SessionId = sessionId,
            TriggeringEventId = triggeringEventId,
            EventTime = DateTimeOffset.UtcNow,
            ReasonAdmin = "test revocation",
        }).Token;

    /// <summary>Hands a SET to the dispatcher as the SET-topic consumer would, keyed by the identity.</summary>
    public Task<int> DispatchAsync(string token, string identity)
    {
        Assert.True(IncomingSet.TryRead(token, out var set, out var error), error);
        return Services.GetRequiredService<SetDispatcher>().DispatchAsync(set!, "key:" + identity, partition: 0, offset: 0, CancellationToken.None);
    }

    public ISsfStore Store => Services.GetRequiredService<ISsfStore>();

    public static HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? token = ManageToken)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Json)> SendAsync(HttpMethod method, string path, object? body = null, string? token = ManageToken)
    {
        using var request = Request(method, path, body, token);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, json);
    }

    /// <summary>Creates a push stream to <paramref name="endpoint"/> for session-revoked and returns its id.</summary>
    public async Task<string> CreatePushStreamAsync(Uri endpoint, string? authorization = null, string? audience = null)
    {
        var delivery = new Dictionary<string, object?> { ["method"] = "urn:ietf:rfc:8935", ["endpoint_url"] = endpoint.ToString() };
        if (authorization is not null)
        {
            delivery["authorization_header"] = authorization;
        }

        var body = new Dictionary<string, object?> { ["delivery"] = delivery, ["events_requested"] = new[] { CaepEventTypes.SessionRevoked } };
        if (audience is not null)
        {
            body["aud"] = audience;
        }

        var (response, json) = await SendAsync(HttpMethod.Post, "/ssf/stream", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return json.GetProperty("stream_id").GetString()!;
    }

    public async Task SetStatusAsync(string streamId, string status)
    {
        var (response, _) = await SendAsync(HttpMethod.Post, "/ssf/status", new { stream_id = streamId, status });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
