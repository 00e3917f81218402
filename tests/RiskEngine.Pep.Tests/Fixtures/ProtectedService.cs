using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Pep.Revocations;
using RiskEngine.Pep.Subscription;
using RiskEngine.Pep.Tokens;
using RiskEngine.Samples.ProtectedService;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>
/// The sample protected service on loopback (port 0) with the PEP following a topic of the embedded cluster, its
/// identity provider's key in a temporary file, and a real <see cref="HttpClient"/>.
/// </summary>
internal sealed class ProtectedService : IAsyncDisposable
{
    public const string TokenIssuer = "https://idp.test";
    public const string TokenAudience = "https://protected.test";

    private readonly WebApplication _app;
    private readonly RSA _identityProviderKey;

    private ProtectedService(WebApplication app, RSA identityProviderKey, Uri baseAddress)
    {
        _app = app;
        _identityProviderKey = identityProviderKey;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public RecordingObserver Observer => _app.Services.GetRequiredService<RecordingObserver>();

    public RevocationSubscriber Subscriber => _app.Services.GetRequiredService<RevocationSubscriber>();

    public JsonWebKeyStore Keys => _app.Services.GetRequiredService<JsonWebKeyStore>();

    public RevokedSet Revoked => _app.Services.GetRequiredService<RevokedSet>();

    public static async Task<ProtectedService> StartAsync(
        string bootstrapServers, string topic, Uri jwksUri, string directory, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        string keyFile = Path.Combine(directory, "idp-key.pem");
        var identityProviderKey = RSA.Create(2048);
        await File.WriteAllTextAsync(keyFile, identityProviderKey.ExportPkcs8PrivateKeyPem());

        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:RiskEngine.Pep"] = "Information",
            ["Pep:Kafka:BootstrapServers"] = bootstrapServers,
            ["Pep:Topic"] = topic,
            ["Pep:JwksUri"] = jwksUri.ToString(),
            ["Pep:Issuer"] = EngineKeys.Issuer,
            ["Pep:Audience"] = EngineKeys.Audience,
            ["Pep:FetchWaitMaxMs"] = "1",
            ["Pep:JwksMinRefreshInterval"] = "00:01:00",
            ["Sample:Authentication:Issuer"] = TokenIssuer,
            ["Sample:Authentication:Audience"] = TokenAudience,
            ["Sample:Authentication:SigningKeyFile"] = keyFile,
            ["Sample:Authentication:IssueDevelopmentTokens"] = "true",
        };
        foreach ((string name, string? value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[name] = value;
        }

        WebApplication app = ProtectedServiceApp.Build([], overrides, pep =>
        {
            pep.Services.AddSingleton<RecordingObserver>();
            pep.Services.AddSingleton<ISecurityEventObserver>(provider => provider.GetRequiredService<RecordingObserver>());
            if (time is not null)
            {
                pep.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var service = new ProtectedService(app, identityProviderKey, new Uri(address));
        await service.Subscriber.CaughtUp.WaitAsync(TimeSpan.FromSeconds(30));
        return service;
    }

    /// <summary>A bearer token of the sample's identity provider for <paramref name="user"/>'s session, authenticated at <paramref name="authenticatedAt"/>.</summary>
    public string Token(string user, string session, DateTimeOffset authenticatedAt, string? email = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sid"] = session,
            ["auth_time"] = authenticatedAt.ToUnixTimeSeconds(),
        };
        if (email is not null)
        {
            claims["email"] = email;
        }

        DateTime now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenIssuer,
            Audience = TokenAudience,
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_identityProviderKey), SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task<HttpResponseMessage> GetHelloAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _identityProviderKey.Dispose();
    }

    internal static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
