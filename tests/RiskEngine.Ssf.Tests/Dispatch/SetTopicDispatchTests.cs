using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskEngine.Caep.Tokens;
using RiskEngine.Cli.Hosting;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Worker;
using RiskEngine.Ssf.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Dispatch;

/// <summary>
/// The engine host as <c>riskengine run</c> starts it, on the embedded Kafka cluster, with only the SSF transmitter
/// consuming: a SET put on the SET topic reaches a push stream's receiver once, however often it is on the topic.
/// </summary>
public sealed class SetTopicDispatchTests : IAsyncLifetime, IDisposable
{
    private const string ManageToken = "engine-manage-token";
    private readonly TemporaryDirectory _directory = new();
    private WebApplication _engine = null!;
    private ReceiverStub _receiver = null!;

    public async Task InitializeAsync()
    {
        var keyFile = Path.Combine(_directory.Path, "signing-key.pem");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        }

        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "tokens"), ManageToken + " ssf.manage\n");
        _receiver = await ReceiverStub.StartAsync();
        _engine = EngineHost.Build(new EngineHostSettings
        {
            MinimumLogLevel = LogLevel.Warning,
            Overrides = new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = "",
                ["Kafka:Embedded:Partitions"] = "2",
                ["Engine:Stages"] = "None",
                ["Http:Urls"] = "http://127.0.0.1:0",
                ["Signing:KeyFile"] = keyFile,
                ["Caep:Issuer"] = "https://engine.test",
                ["Ssf:Enabled"] = "true",
                ["Ssf:AllowHttpEndpoints"] = "true",
                ["Ssf:TokenFile"] = Path.Combine(_directory.Path, "tokens"),
                ["Ssf:Storage:DataDirectory"] = _directory.Path,
                ["Database:DataDirectory"] = _directory.Path,
                ["Ssf:Push:IdleCheckInterval"] = "00:00:00.100",
            },
        });
        await _engine.StartAsync();
        await EngineHost.StagesAssigned(_engine).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync();
        await _engine.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_SET_on_the_topic_reaches_the_push_receiver_once_even_when_produced_twice()
    {
        Assert.Contains(_engine.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), service => service is SecurityEventTokenWorker);
        using var client = new HttpClient { BaseAddress = new Uri(EngineHost.JwksUri(_engine), "/") };
        using var create = new HttpRequestMessage(HttpMethod.Post, "ssf/stream")
        {
            Content = new StringContent(
                $$"""{"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"{{_receiver.Endpoint}}"},"events_requested":["{{Caep.CaepEventTypes.SessionRevoked}}"]}""",
                Encoding.UTF8,
                "application/json"),
        };
        create.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ManageToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await client.SendAsync(create)).StatusCode);

        var set = _engine.Services.GetRequiredService<SecurityEventTokenIssuer>().Issue(new SessionRevoked(), new SecurityEventCause
        {
            IdentityId = "alice",
            TriggeringEventId = "sign-in-42",
            EventTime = DateTimeOffset.UtcNow,
            ReasonAdmin = "impossible travel",
        });
        var connection = _engine.Services.GetRequiredService<KafkaConnection>();
        var topic = new TopicOptions().Revocations;
        using (var producer = new ProducerBuilder<string, string>(connection.CreateProducerConfig()).Build())
        {
            for (var copy = 0; copy < 2; copy++)
            {
                await producer.ProduceAsync(topic, new Message<string, string>
                {
                    Key = set.SubjectKey,
                    Value = set.Token,
                    Headers = new Headers { { RevocationHeaders.Jti, Encoding.UTF8.GetBytes(set.Jti) } },
                });
            }
        }

        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 1, "the SET at the receiver");
        Assert.Equal("sign-in-42", SetClaims.Txn(accepted[0]));
        // The second copy carries the same jti for the stream, so the outbox kept one; give it time to show otherwise.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_receiver.Requests);
        Assert.NotEqual(set.Jti, SetClaims.Of(accepted[0]).GetProperty("jti").GetString());
    }
}
