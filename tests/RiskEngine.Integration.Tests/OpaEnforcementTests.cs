using RiskEngine.Testing;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Cli.Publishing;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Observability;
using RiskEngine.Opa.Tests.Peers;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// OPA as a PEP, end to end: an engine with <c>Opa:BaseUrl</c> set follows its own SET topic with the PEP SDK
/// (verifying every SET against its JWKS over HTTP) and keeps the revoked subjects in the OPA Data API stand-in.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class OpaEnforcementTests(EngineFixture fixture)
{
    private const string DataPath = "riskengine/revoked";

    [Fact]
    public async Task A_takeover_session_is_revoked_in_OPA_data_and_put_back_after_OPA_restarts_empty()
    {
        await using var opa = await OpaStandIn.StartedAsync();
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, opa.Token);
        var engine = await fixture.StartEngineAsync(string.Empty, "riskengine-opa", new EngineRecorder(), new Dictionary<string, string?>
        {
            // The in-process PEP fetches the JWKS from this host, so its port must be known before it starts.
            ["Http:Urls"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
            ["Opa:BaseUrl"] = opa.BaseUrl.ToString(),
            ["Opa:TokenFile"] = tokenFile,
            ["Opa:ConsistencyCheckInterval"] = "00:00:01",

            // The simulated day is yesterday; a PEP drops revocations older than their lifetime, as it should.
            ["Pep:RevocationLifetime"] = "30.00:00:00",
        });
        try
        {
            var simulator = new SignInSimulator(new SimulationOptions { Identities = 40, Takeovers = 1, Seed = 101, Start = DateTimeOffset.UtcNow.Date.AddDays(-1) });
            var signIns = simulator.Generate().ToList();
            var victim = simulator.Identities.Single(identity => identity.IsTakeoverVictim);
            var bootstrap = engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
            using (var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }, fixture.Topics.SignIns))
            {
                publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
            }

            // The engine's SETs name the session the attacker used, so OPA denies that session.
            var revoked = await SessionsInOpaAsync(opa, sessions => sessions.Count > 0, TimeSpan.FromSeconds(60));
            var revocations = TopicReader.ReadFor(bootstrap, fixture.Topics.Revocations, TimeSpan.FromSeconds(5))
                .Where(SecurityEventTokens.IsSessionRevoked)
                .ToList();
            Assert.NotEmpty(revocations);
            Assert.All(revocations, revocation => Assert.Equal(victim.IdentityId, SecurityEventTokens.KeyOf(revocation)));
            var expected = revocations
                .Select(revocation => SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(revocation)))
                .ToDictionary(claims => claims.GetProperty("sub_id").GetProperty("session").GetProperty("id").GetString()!, claims => claims.GetProperty("jti").GetString());
            revoked = await SessionsInOpaAsync(opa, sessions => sessions.Count == expected.Count, TimeSpan.FromSeconds(10));
            Assert.Equal(expected.Keys.Order(), revoked.Keys.Order());
            Assert.All(revoked, session => Assert.Equal(expected[session.Key], session.Value.GetProperty("jti").GetString()));
            var figures = engine.Services.GetRequiredService<EngineFigures>();
            await Eventually.UntilAsync(() => figures.OpaUnconfirmed == 0, "the engine's figures to count nothing OPA has not acknowledged", TimeSpan.FromSeconds(10));

            await opa.StopAsync();
            await opa.StartAsync();
            revoked = await SessionsInOpaAsync(opa, sessions => sessions.Count == expected.Count, TimeSpan.FromSeconds(30));
            Assert.Equal(expected.Keys.Order(), revoked.Keys.Order());
        }
        finally
        {
            await engine.StopAsync();
            await engine.DisposeAsync();
            File.Delete(tokenFile);
        }
    }

    private static async Task<Dictionary<string, JsonElement>> SessionsInOpaAsync(OpaStandIn opa, Func<Dictionary<string, JsonElement>, bool> wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var sessions = new Dictionary<string, JsonElement>();
        while (DateTime.UtcNow < deadline)
        {
            sessions = await opa.DocumentAsync(DataPath) is { } document && document.TryGetProperty("sessions", out var held)
                ? held.EnumerateObject().ToDictionary(session => session.Name, session => session.Value.Clone())
                : [];
            if (wanted(sessions))
            {
                return sessions;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"OPA's data.{DataPath.Replace('/', '.')}.sessions held [{string.Join(", ", sessions.Keys)}] after {timeout.TotalSeconds:N0} s, not what was expected.");
    }
}
