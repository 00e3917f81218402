using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RiskEngine.Caep;
using RiskEngine.Ssf.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Delivery.Poll;

public sealed class PollDeliveryTests : IAsyncLifetime, IDisposable
{
    private const string ReceiverAuthorization = "Bearer poller-secret";
    private static readonly string[] SessionRevokedOnly = [CaepEventTypes.SessionRevoked];

    private readonly TemporaryDirectory _directory = new();
    private TestTransmitter _transmitter = null!;
    private string _streamId = null!;
    private string _pollPath = null!;

    public async Task InitializeAsync()
    {
        _transmitter = await TestTransmitter.StartAsync(_directory.Path);
        var (_, stream) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream", new
        {
            delivery = new { method = "urn:ietf:rfc:8936", authorization_header = ReceiverAuthorization },
            events_requested = SessionRevokedOnly,
        });
        _streamId = stream.GetProperty("stream_id").GetString()!;
        _pollPath = new Uri(stream.GetProperty("delivery").GetProperty("endpoint_url").GetString()!).AbsolutePath;
    }

    public async Task DisposeAsync() => await _transmitter.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    private async Task<(HttpResponseMessage Response, JsonElement Json)> PollAsync(object body, string authorization = ReceiverAuthorization)
    {
        using var request = TestTransmitter.Request(HttpMethod.Post, _pollPath, body, token: null);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await _transmitter.Client.SendAsync(request);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string[] Jtis(JsonElement answer) => [.. answer.GetProperty("sets").EnumerateObject().Select(set => set.Name)];

    [Fact]
    public async Task Unacknowledged_SETs_come_again_and_acknowledged_ones_do_not()
    {
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("bob", "b1"), "bob");
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("carol", "c1"), "carol");

        var (response, first) = await PollAsync(new { maxEvents = 2, returnImmediately = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var firstJtis = Jtis(first);
        Assert.Equal(2, firstJtis.Length);
        Assert.True(first.GetProperty("moreAvailable").GetBoolean());
        var token = first.GetProperty("sets").GetProperty(firstJtis[0]).GetString()!;
        Assert.Equal(firstJtis[0], SetClaims.Of(token).GetProperty("jti").GetString());
        Assert.Equal("a1", SetClaims.Txn(token));

        // Nothing acknowledged: the same two again, oldest first.
        var (_, again) = await PollAsync(new { maxEvents = 2, returnImmediately = true });
        Assert.Equal(firstJtis, Jtis(again));

        var (_, afterAck) = await PollAsync(new { maxEvents = 10, returnImmediately = true, ack = firstJtis });
        var last = Assert.Single(Jtis(afterAck));
        Assert.False(afterAck.GetProperty("moreAvailable").GetBoolean());
        Assert.Equal("c1", SetClaims.Txn(afterAck.GetProperty("sets").GetProperty(last).GetString()!));
    }

    [Fact]
    public async Task SetErrs_record_the_receivers_error_and_stop_delivery_of_that_SET()
    {
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        var (_, first) = await PollAsync(new { returnImmediately = true });
        var jti = Assert.Single(Jtis(first));

        var (_, next) = await PollAsync(new
        {
            returnImmediately = true,
            setErrs = new Dictionary<string, object> { [jti] = new { err = "invalid_key", description = "kid not found" } },
        });

        Assert.Empty(Jtis(next));
        var rejected = Assert.Single(await _transmitter.Store.RejectedAsync(_streamId, 10, CancellationToken.None));
        Assert.Equal("invalid_key: kid not found", rejected.LastError);
    }

    [Fact]
    public async Task A_long_poll_answers_as_soon_as_a_SET_arrives()
    {
        var stopwatch = Stopwatch.StartNew();
        var poll = PollAsync(new { returnImmediately = false });
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);

        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");
        var (_, answer) = await poll;

        Assert.Single(Jtis(answer));
        // The long-poll timeout is 3 s; the answer came with the SET, well before it.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), $"answered after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_long_poll_with_nothing_to_deliver_answers_empty_at_the_timeout()
    {
        var stopwatch = Stopwatch.StartNew();
        var (response, answer) = await PollAsync(new { maxEvents = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Jtis(answer));
        Assert.False(answer.GetProperty("moreAvailable").GetBoolean());
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Polls_need_the_streams_own_authorization_or_ssf_read()
    {
        Assert.Equal(HttpStatusCode.OK, (await PollAsync(new { returnImmediately = true }, "Bearer " + TestTransmitter.ReadToken)).Response.StatusCode);
        var (wrong, _) = await PollAsync(new { returnImmediately = true }, "Bearer someone-elses");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var (scopeless, _) = await PollAsync(new { returnImmediately = true }, "Bearer " + TestTransmitter.ScopelessToken);
        Assert.Equal(HttpStatusCode.Forbidden, scopeless.StatusCode);
    }

    [Theory]
    [InlineData("{\"maxEvents\": -1}", "'maxEvents' must be a whole number of 0 or more")]
    [InlineData("{\"returnImmediately\": \"yes\"}", "'returnImmediately' must be true or false, not a string")]
    [InlineData("{\"ack\": \"jti\"}", "'ack' must be an array of strings")]
    [InlineData("{\"setErrs\": {\"jti\": {\"description\": \"no code\"}}}", "'setErrs.jti.err' is required")]
    [InlineData("{\"maxevents\": 1}", "unknown member 'maxevents'")]
    public async Task A_bad_poll_gets_400_saying_what_is_wrong(string body, string expected)
    {
        var (response, error) = await PollAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_poll_stream_returns_only_its_stream_updated_SET_until_enabled()
    {
        await _transmitter.SetStatusAsync(_streamId, "paused");
        await _transmitter.DispatchAsync(_transmitter.IssueRevocation("alice", "a1"), "alice");

        var (_, paused) = await PollAsync(new { returnImmediately = true });
        var jti = Assert.Single(Jtis(paused));
        Assert.Equal(CaepEventTypes.StreamUpdated, SetClaims.EventType(paused.GetProperty("sets").GetProperty(jti).GetString()!));

        await _transmitter.SetStatusAsync(_streamId, "enabled");
        var (_, enabled) = await PollAsync(new { returnImmediately = true, ack = new[] { jti } });
        Assert.Equal(
            [CaepEventTypes.SessionRevoked, CaepEventTypes.StreamUpdated],
            enabled.GetProperty("sets").EnumerateObject().Select(set => SetClaims.EventType(set.Value.GetString()!)));
    }
}
