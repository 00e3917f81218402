using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Pep.Hosting;
using RiskEngine.Pep.Subscription;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// A PEP built on the PEP SDK, in its own host, as a protected service runs it: it follows the SET topic, verifies
/// each SET against the engine's JWKS over HTTP and records, by <c>jti</c>, the moment its revoked set holds the
/// session, from which on the SDK's middleware refuses it.
/// </summary>
public sealed class PepProbe : IAsyncDisposable
{
    private readonly IHost _host;

    private PepProbe(IHost host) => _host = host;

    public ArrivalLog Refusing { get; } = new();

    public static async Task<PepProbe> StartAsync(string bootstrapServers, string topic, Uri jwksUri, string issuer, string audience, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        PepProbe? probe = null;
        builder.Services.AddRiskEnginePep(options =>
        {
            options.Kafka.BootstrapServers = bootstrapServers;
            options.Topic = topic;
            options.JwksUri = jwksUri;
            options.Issuer = issuer;
            options.Audience = audience;
        }).OnApplied(applied =>
        {
            if (applied.Revoked)
            {
                probe!.Refusing.Record(applied.Event.Jti, applied.AppliedTimestamp);
            }
        });
        var host = builder.Build();
        probe = new PepProbe(host);
        await host.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<RevocationSubscriber>().CaughtUp.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
