using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Cli.Hosting;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// One <c>measure</c> run: the engine on the embedded defaults with the SSF transmitter and the OPA mirror on, a PEP
/// SDK host, an SSF push receiver and an OPA Data API endpoint, all on loopback; sign-ins published at a steady
/// rate; each takeover's revocation timed to every enforcement point. <see cref="SetTopicOnlyAsync"/> runs the engine
/// alone, for the event-to-SET figure without the enforcement points' share of the machine.
/// </summary>
public static class EnforcementMeasurement
{
    private static readonly TimeSpan EnforcementDrain = TimeSpan.FromSeconds(10);

    public static async Task<(RunResult Result, EnforcementLatencies Enforcement)> RunAsync(
        string? configFile, IEnumerable<SimulatedSignIn> signIns, double eventsPerSecond, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        using var workDirectory = new TemporaryWorkDirectory();
        var manageToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(workDirectory.File("ssf-tokens"), $"{manageToken} ssf.manage\n", cancellationToken);
        await using var opa = await OpaDataProbe.StartAsync(cancellationToken);
        var settings = new EngineHostSettings
        {
            ConfigFile = configFile,
            Overrides = new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = string.Empty,

                // The in-process PEP feeding OPA fetches the JWKS from this host, so its port is chosen up front.
                ["Http:Urls"] = $"http://127.0.0.1:{FreeLoopbackPort()}",
                ["Ssf:Enabled"] = "true",
                ["Ssf:AllowHttpEndpoints"] = "true",
                ["Ssf:TokenFile"] = workDirectory.File("ssf-tokens"),
                ["Ssf:Storage:DataDirectory"] = workDirectory.Path,
                ["Opa:BaseUrl"] = opa.BaseUrl.ToString(),
                ["Opa:ConsistencyCheckInterval"] = "01:00:00",
            },
        };
        await using var run = await EndToEndRun.StartAsync(settings, showEvents: false, cancellationToken);
        var caep = run.Services.GetRequiredService<IOptions<CaepOptions>>().Value;
        await using var pep = await PepProbe.StartAsync(run.BootstrapServers, run.Topics.Revocations, run.JwksUri, caep.Issuer, caep.Audiences[0], cancellationToken);
        await using var ssf = await SsfPushProbe.StartAsync(new Uri(run.JwksUri, "/"), manageToken, cancellationToken);
        var result = await run.PublishAsync(signIns, eventsPerSecond, warmUp, cancellationToken);
        await WaitForEnforcementAsync(run.Revocations.Received.Count, pep, ssf, opa, cancellationToken);
        return (result, EnforcementLatencies.Of(run.Revocations, pep, ssf, opa));
    }

    /// <param name="reportEvery">When set, a line of the engine's progress and memory this often, for a soak.</param>
    public static async Task<RunResult> SetTopicOnlyAsync(
        string? configFile, IEnumerable<SimulatedSignIn> signIns, double eventsPerSecond, TimeSpan warmUp, TimeSpan? reportEvery, CancellationToken cancellationToken)
    {
        var settings = new EngineHostSettings
        {
            ConfigFile = configFile,
            Overrides = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = string.Empty, ["Http:Urls"] = "http://127.0.0.1:0" },
        };
        await using var run = await EndToEndRun.StartAsync(settings, showEvents: false, cancellationToken);
        await using var sampler = reportEvery is { } interval ? new ResourceSampler(run.Services, run.Console, Console.Out, interval) : null;
        return await run.PublishAsync(signIns, eventsPerSecond, warmUp, cancellationToken);
    }

    // Every enforcement point should see each SET the topic probe saw; a few seconds more catch the last ones.
    private static async Task WaitForEnforcementAsync(int revocations, PepProbe pep, SsfPushProbe ssf, OpaDataProbe opa, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + EnforcementDrain;
        while (DateTime.UtcNow < deadline && Math.Min(pep.Refusing.Count, Math.Min(ssf.Received.Count, opa.Held.Count)) < revocations)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
