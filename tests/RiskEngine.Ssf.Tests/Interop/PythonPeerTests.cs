using System.Text.Json;
using RiskEngine.Caep;
using RiskEngine.Ssf.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Interop;

/// <summary>
/// RFC 8935 and RFC 8936 exchanges with peers written independently of the transmitter, in Python with PyJWT
/// (Peers/): they verify every SET's signature against the JWKS, its issuer and its audience.
/// </summary>
public sealed class PythonPeerTests : IAsyncLifetime, IDisposable
{
    private const string Audience = "urn:pep:python";
    private static readonly string[] SessionRevokedOnly = [CaepEventTypes.SessionRevoked];

    private readonly TemporaryDirectory _directory = new();
    private TestTransmitter _transmitter = null!;

    public async Task InitializeAsync() => _transmitter = await TestTransmitter.StartAsync(_directory.Path);

    public async Task DisposeAsync() => await _transmitter.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    private static async Task<(PythonPeer Peer, Uri Endpoint)> StartReceiverAsync(Uri jwks, string audience, string authorization)
    {
        var peer = PythonPeer.Start("push_receiver.py", "--jwks", jwks.ToString(), "--issuer", TestTransmitter.Issuer, "--audience", audience, "--authorization", authorization);
        var listening = await peer.ReadLineAsync();
        Assert.StartsWith("listening ", listening, StringComparison.Ordinal);
        return (peer, new Uri($"http://127.0.0.1:{listening["listening ".Length..]}/events"));
    }

    private static async Task<JsonElement> NextAnswerAsync(PythonPeer peer) => JsonDocument.Parse(await peer.ReadLineAsync()).RootElement.Clone();

    [Fact]
    public async Task An_independent_push_receiver_verifies_and_accepts_the_SETs()
    {
        var (peer, endpoint) = await StartReceiverAsync(_transmitter.JwksUri, Audience, "Bearer python-secret");
        await using var _ = peer;
        var streamId = await _transmitter.CreatePushStreamAsync(endpoint, "Bearer python-secret", Audience);

        await _transmitter.SendAsync(HttpMethod.Post, "/ssf/verify", new { stream_id = streamId, state = "python-state" });
        var verification = await NextAnswerAsync(peer);
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1", sessionId: "session-9"), "alice");
        var revocation = await NextAnswerAsync(peer);

        Assert.Equal(202, verification.GetProperty("status").GetInt32());
        Assert.Equal("python-state", verification.GetProperty("claims").GetProperty("events").GetProperty(CaepEventTypes.Verification).GetProperty("state").GetString());
        Assert.Equal(202, revocation.GetProperty("status").GetInt32());
        var claims = revocation.GetProperty("claims");
        Assert.Equal(Audience, claims.GetProperty("aud").GetString());
        Assert.Equal("alice@example.com", claims.GetProperty("sub_id").GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("session-9", claims.GetProperty("sub_id").GetProperty("session").GetProperty("id").GetString());
        await Eventually.ReturnsAsync(() => _transmitter.Store.PendingAsync(streamId, true, 10, CancellationToken.None), pending => pending.Count == 0, "the outbox to empty");
    }

    [Fact]
    public async Task A_receiver_expecting_another_audience_answers_invalid_audience_and_the_transmitter_records_it()
    {
        var (peer, endpoint) = await StartReceiverAsync(_transmitter.JwksUri, "urn:pep:someone-else", "Bearer python-secret");
        await using var _ = peer;
        var streamId = await _transmitter.CreatePushStreamAsync(endpoint, "Bearer python-secret", Audience);

        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        var answer = await NextAnswerAsync(peer);

        Assert.Equal((400, "invalid_audience"), (answer.GetProperty("status").GetInt32(), answer.GetProperty("err").GetString()));
        var rejected = await Eventually.ReturnsAsync(() => _transmitter.Store.RejectedAsync(streamId, 10, CancellationToken.None), entries => entries.Count == 1, "the rejection recorded");
        Assert.StartsWith("invalid_audience: aud is 'urn:pep:python'", rejected[0].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_trusting_other_keys_answers_invalid_key_and_the_transmitter_records_it()
    {
        using var otherDirectory = new TemporaryDirectory();
        await using var other = await TestTransmitter.StartAsync(otherDirectory.Path);
        var (peer, endpoint) = await StartReceiverAsync(other.JwksUri, Audience, "Bearer python-secret");
        await using var _ = peer;
        var streamId = await _transmitter.CreatePushStreamAsync(endpoint, "Bearer python-secret", Audience);

        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        var answer = await NextAnswerAsync(peer);

        Assert.Equal((400, "invalid_key"), (answer.GetProperty("status").GetInt32(), answer.GetProperty("err").GetString()));
        var rejected = await Eventually.ReturnsAsync(() => _transmitter.Store.RejectedAsync(streamId, 10, CancellationToken.None), entries => entries.Count == 1, "the rejection recorded");
        Assert.StartsWith("invalid_key", rejected[0].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_independent_poll_client_verifies_and_acknowledges_every_SET()
    {
        var (_, stream) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream", new
        {
            delivery = new { method = "urn:ietf:rfc:8936", authorization_header = "Bearer python-poller" },
            events_requested = SessionRevokedOnly,
            aud = Audience,
        });
        var streamId = stream.GetProperty("stream_id").GetString()!;
        var pollUrl = stream.GetProperty("delivery").GetProperty("endpoint_url").GetString()!;
        foreach (var (user, txn) in new[] { ("alice", "a1"), ("bob", "b1"), ("alice", "a2") })
        {
            await _transmitter.DispatchAsync(_transmitter.IssueRevocation(user, txn), user);
        }

        await using var client = PythonPeer.Start("poll_client.py", "--url", pollUrl, "--authorization", "Bearer python-poller",
            "--jwks", _transmitter.JwksUri.ToString(), "--issuer", TestTransmitter.Issuer, "--audience", Audience, "--count", "3");
        var lines = new List<string>();
        for (var line = await client.ReadLineAsync(); line != "done"; line = await client.ReadLineAsync())
        {
            lines.Add(line);
        }

        var received = lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.All(received, set => Assert.True(set.TryGetProperty("claims", out _), set.ToString()));
        Assert.Equal(["a1", "b1", "a2"], received.Select(set => set.GetProperty("claims").GetProperty("txn").GetString()));
        // The client acknowledged everything it verified: nothing is left to deliver.
        await Eventually.ReturnsAsync(() => _transmitter.Store.PendingAsync(streamId, true, 10, CancellationToken.None), pending => pending.Count == 0, "the outbox to empty");
    }
}
