using System.Net;
using RiskEngine.Caep;
using RiskEngine.Ssf.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Delivery.Push;

public sealed class PushDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private TestTransmitter _transmitter = null!;
    private ReceiverStub _receiver = null!;

    public async Task InitializeAsync()
    {
        _transmitter = await TestTransmitter.StartAsync(_directory.Path);
        _receiver = await ReceiverStub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _transmitter.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_SET_reaches_the_receiver_readdressed_to_the_stream_and_leaves_the_outbox_on_202()
    {
        var streamId = await _transmitter.CreatePushStreamAsync(_receiver.Endpoint, authorization: "Bearer receiver-secret", audience: "urn:pep:fleet");
        var original = _transmitter.IssueRevocation("alice", "event-1");

        Assert.Equal(1, await _transmitter.DispatchAsync(original, "alice"));

        var push = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Requests.ToArray()), requests => requests.Length == 1, "the push");
        var claims = SetClaims.Of(push[0].Token);
        Assert.Equal("application/secevent+jwt", push[0].ContentType);
        Assert.Equal("Bearer receiver-secret", push[0].Authorization);
        Assert.Equal("urn:pep:fleet", claims.GetProperty("aud").GetString());
        Assert.NotEqual(SetClaims.Of(original).GetProperty("jti").GetString(), claims.GetProperty("jti").GetString());
        Assert.Equal(SetClaims.Txn(original), SetClaims.Txn(push[0].Token));
        await Eventually.ReturnsAsync(() => _transmitter.Store.PendingAsync(streamId, true, 10, CancellationToken.None), pending => pending.Count == 0, "the outbox to empty");
    }

    [Fact]
    public async Task A_subjects_SETs_arrive_in_order_through_retries()
    {
        // The first two requests fail, whichever SETs they carry; the receiver then accepts everything.
        _receiver.Respond = (_, before) => before < 2 ? (503, "busy") : (202, null);
        await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);
        string[] alice = [_transmitter.IssueRevocation("alice", "a1"), _transmitter.IssueRevocation("alice", "a2"), _transmitter.IssueRevocation("alice", "a3")];
        var bob = _transmitter.IssueRevocation("bob", "b1");
        foreach (var token in alice)
        {
            await _transmitter.DispatchAsync(token, "alice");
        }

        await _transmitter.DispatchAsync(bob, "bob");

        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 4, "all four SETs accepted");
        var aliceOrder = accepted.Select(SetClaims.Txn).Where(txn => txn.StartsWith('a')).ToArray();
        Assert.Equal(["a1", "a2", "a3"], aliceOrder);
        // No later SET of alice was even sent while an earlier one was unacknowledged.
        var requests = _receiver.Requests.ToArray();
        var firstAcceptedA1 = Array.FindIndex(requests, request => request.Status == 202 && SetClaims.Txn(request.Token) == "a1");
        Assert.DoesNotContain(requests[..firstAcceptedA1], request => SetClaims.Txn(request.Token) is "a2" or "a3");
        Assert.True(requests.Length >= 6, $"two failures and four acceptances make at least 6 requests, not {requests.Length}");
    }

    [Fact]
    public async Task A_400_is_recorded_with_the_receivers_error_and_does_not_hold_back_later_SETs()
    {
        _receiver.Respond = (token, _) => SetClaims.Txn(token) == "a1"
            ? (400, "{\"err\":\"invalid_audience\",\"description\":\"not for us\"}")
            : (202, null);
        var streamId = await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a2"), "alice");

        await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 1, "the second SET accepted");
        var (response, rejected) = await _transmitter.SendAsync(HttpMethod.Get, $"/ssf/rejected?stream_id={streamId}", token: TestTransmitter.ReadToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(rejected.GetProperty("rejected").EnumerateArray());
        Assert.Equal("invalid_audience: not for us", entry.GetProperty("error").GetString());
        Assert.Equal(CaepEventTypes.SessionRevoked, entry.GetProperty("event_type").GetString());
        Assert.Single(_receiver.Requests, request => SetClaims.Txn(request.Token) == "a1");
    }

    [Fact]
    public async Task A_paused_stream_holds_its_SETs_and_delivers_them_in_order_when_enabled()
    {
        var streamId = await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);
        await _transmitter.SetStatusAsync(streamId, "paused");
        foreach (var txn in new[] { "a1", "a2", "a3" })
        {
            await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", txn), "alice");
        }

        // The stream-updated SET announcing the pause goes out; the revocations wait.
        var announced = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 1, "the stream-updated SET");
        Assert.Equal(CaepEventTypes.StreamUpdated, SetClaims.EventType(announced[0]));
        Assert.Equal("paused", SetClaims.Of(announced[0]).GetProperty("events").GetProperty(CaepEventTypes.StreamUpdated).GetProperty("status").GetString());
        Assert.Equal(streamId, SetClaims.Of(announced[0]).GetProperty("sub_id").GetProperty("id").GetString());
        await Task.Delay(300);
        Assert.Single(_receiver.Requests);

        await _transmitter.SetStatusAsync(streamId, "enabled");

        var all = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 5, "the held SETs");
        Assert.Equal(["a1", "a2", "a3"], all.Where(token => SetClaims.EventType(token) == CaepEventTypes.SessionRevoked).Select(SetClaims.Txn));
    }

    [Fact]
    public async Task A_disabled_stream_takes_no_SETs_and_drops_what_it_held()
    {
        var streamId = await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);
        await _transmitter.SetStatusAsync(streamId, "paused");
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "held"), "alice");

        await _transmitter.SetStatusAsync(streamId, "disabled");

        Assert.Equal(0, await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "new"), "alice"));
        await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 2, "both stream-updated SETs");
        Assert.All(_receiver.Accepted, token => Assert.Equal(CaepEventTypes.StreamUpdated, SetClaims.EventType(token)));
        // The receiver records a SET before it answers 202, so the last stream-updated SET may still be in the outbox
        // for a moment; the held revocation must already be gone.
        Assert.All(await _transmitter.Store.PendingAsync(streamId, true, 10, CancellationToken.None), entry => Assert.True(entry.IsControl));
        await Eventually.ReturnsAsync(() => _transmitter.Store.PendingAsync(streamId, true, 10, CancellationToken.None), pending => pending.Count == 0, "the outbox to empty");
    }

    [Fact]
    public async Task A_verification_request_sends_a_verification_SET_with_the_state()
    {
        var streamId = await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);

        var (response, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/verify", new { stream_id = streamId, state = "VGhpcyBpcyBhbiBleGFtcGxl" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var pushed = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 1, "the verification SET");
        var verification = SetClaims.Of(pushed[0]).GetProperty("events").GetProperty(CaepEventTypes.Verification);
        Assert.Equal("VGhpcyBpcyBhbiBleGFtcGxl", verification.GetProperty("state").GetString());
    }

    [Fact]
    public async Task SETs_not_yet_acknowledged_are_delivered_after_a_restart()
    {
        _receiver.Respond = (_, _) => (503, "down");
        await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a2"), "alice");
        await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Requests.Count), count => count > 0, "a failed attempt");

        await _transmitter.DisposeAsync();
        _receiver.Respond = (_, _) => (202, null);
        _transmitter = await TestTransmitter.StartAsync(_directory.Path);

        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(_receiver.Accepted), tokens => tokens.Count == 2, "both SETs after the restart");
        Assert.Equal(["a1", "a2"], accepted.Select(SetClaims.Txn));
    }

    [Fact]
    public async Task Only_the_subjects_a_stream_carries_are_dispatched_to_it()
    {
        var streamId = await _transmitter.CreatePushStreamAsync(_receiver.Endpoint);
        var (removed, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/subjects:remove",
            new { stream_id = streamId, subject = new { format = "email", email = "alice@example.com" } });
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        Assert.Equal(0, await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice"));
        Assert.Equal(1, await _transmitter.DispatchAsync(_transmitter.IssueRevocation("bob", "b1"), "bob"));
    }
}
