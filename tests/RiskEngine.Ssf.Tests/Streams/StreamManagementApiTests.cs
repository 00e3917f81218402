using System.Net;
using System.Text.Json;
using RiskEngine.Caep;
using RiskEngine.Ssf.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Streams;

public sealed class StreamManagementApiTests : IAsyncLifetime, IDisposable
{
    private const string Receiver = "https://receiver.example/events";
    private static readonly string[] PepAudiences = ["urn:pep:a", "urn:pep:b"];
    private readonly TemporaryDirectory _directory = new();
    private TestTransmitter _transmitter = null!;

    public async Task InitializeAsync() => _transmitter = await TestTransmitter.StartAsync(_directory.Path);

    public async Task DisposeAsync() => await _transmitter.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    private static object PushStream(string endpoint = Receiver) => new
    {
        delivery = new { method = "urn:ietf:rfc:8935", endpoint_url = endpoint, authorization_header = "Bearer receiver-secret" },
        events_requested = new[] { CaepEventTypes.SessionRevoked, "urn:example:not-issued" },
        description = "PEP fleet",
    };

    [Fact]
    public async Task A_stream_is_created_read_updated_replaced_and_deleted()
    {
        var (created, stream) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream", PushStream());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var id = stream.GetProperty("stream_id").GetString()!;
        Assert.Equal(TestTransmitter.Issuer, stream.GetProperty("iss").GetString());
        // No aud asked for: the receiver's URL identifies it.
        Assert.Equal(Receiver, stream.GetProperty("aud").GetString());
        Assert.Equal([CaepEventTypes.SessionRevoked], Strings(stream.GetProperty("events_delivered")));
        Assert.Contains(CaepEventTypes.TokenClaimsChange, Strings(stream.GetProperty("events_supported")));
        Assert.Equal(30, stream.GetProperty("min_verification_interval").GetInt32());
        // The receiver's credential is never written back.
        Assert.False(stream.GetProperty("delivery").TryGetProperty("authorization_header", out _));

        var (read, readStream) = await _transmitter.SendAsync(HttpMethod.Get, $"/ssf/stream?stream_id={id}", token: TestTransmitter.ReadToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("PEP fleet", readStream.GetProperty("description").GetString());

        var (patched, patchedStream) = await _transmitter.SendAsync(HttpMethod.Patch, "/ssf/stream",
            new { stream_id = id, iss = TestTransmitter.Issuer, events_requested = new[] { CaepEventTypes.RiskLevelChange } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal([CaepEventTypes.RiskLevelChange], Strings(patchedStream.GetProperty("events_requested")));
        Assert.Equal("PEP fleet", patchedStream.GetProperty("description").GetString());

        var (replaced, replacedStream) = await _transmitter.SendAsync(HttpMethod.Put, "/ssf/stream",
            new { stream_id = id, delivery = new { method = "urn:ietf:rfc:8935", endpoint_url = "https://receiver.example/v2" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("https://receiver.example/v2", replacedStream.GetProperty("delivery").GetProperty("endpoint_url").GetString());
        Assert.Empty(Strings(replacedStream.GetProperty("events_requested")));
        Assert.False(replacedStream.TryGetProperty("description", out _));
        Assert.Null((await _transmitter.Store.GetStreamAsync(id, CancellationToken.None))!.Delivery.AuthorizationHeader);

        var (list, streams) = await _transmitter.SendAsync(HttpMethod.Get, "/ssf/stream");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(id, Assert.Single(streams.EnumerateArray()).GetProperty("stream_id").GetString());

        var (deleted, _) = await _transmitter.SendAsync(HttpMethod.Delete, $"/ssf/stream?stream_id={id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, error) = await _transmitter.SendAsync(HttpMethod.Get, $"/ssf/stream?stream_id={id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(id, error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_stream_gets_the_transmitters_poll_url_and_keeps_a_given_audience()
    {
        var (created, stream) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream",
            new { delivery = new { method = "urn:ietf:rfc:8936" }, aud = PepAudiences });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = stream.GetProperty("stream_id").GetString();
        Assert.Equal(new Uri(_transmitter.BaseUri, $"ssf/poll/{id}").ToString(), stream.GetProperty("delivery").GetProperty("endpoint_url").GetString());
        Assert.Equal(["urn:pep:a", "urn:pep:b"], Strings(stream.GetProperty("aud")));

        var (changed, error) = await _transmitter.SendAsync(HttpMethod.Patch, "/ssf/stream", new { stream_id = id, aud = "urn:pep:c" });
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains("'aud' cannot be changed", error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadCreations => new()
    {
        { "{\"delivery\": ", "not valid JSON" },
        { "[]", "must be a JSON object" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": 42}}", "'delivery.endpoint_url' must be a non-empty string, not a number" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"not a url\"}}", "is not an absolute http(s) URL" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"ftp://receiver.example/x\"}}", "is not an absolute http(s) URL" },
        { "{\"delivery\": {\"method\": \"urn:example:carrier-pigeon\"}}", "delivery method 'urn:example:carrier-pigeon' is not supported" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\"}}", "needs 'delivery.endpoint_url'" },
        { "{\"events_requested\": [\"" + CaepEventTypes.SessionRevoked + "\"]}", "'delivery' with a 'method' is required" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"https://r.example\"}, \"events_requested\": \"all\"}", "'events_requested' must be an array of strings, not a string" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"https://r.example\"}, \"colour\": \"blue\"}", "unknown stream configuration member 'colour'" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"https://r.example\"}, \"iss\": \"https://someone.else\"}", "but this transmitter's issuer is" },
        { "{\"stream_id\": \"mine\", \"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"https://r.example\"}}", "'stream_id' is chosen by the transmitter" },
        { "{\"delivery\": {\"method\": \"urn:ietf:rfc:8936\", \"endpoint_url\": \"https://r.example/poll\"}}", "leave it out" },
    };

    [Theory]
    [MemberData(nameof(BadCreations))]
    public async Task A_bad_creation_gets_400_with_a_json_error_saying_what_is_wrong(string body, string expected)
    {
        var (response, error) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", error.GetProperty("err").GetString());
        Assert.Contains(expected, error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_before_it_is_parsed()
    {
        var description = new string('x', 70 * 1024);
        var (response, error) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream", new { description });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeds the limit of 65,536 bytes", error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_is_required_for_push_endpoints_unless_allowed()
    {
        using var directory = new TemporaryDirectory();
        await using var strict = await TestTransmitter.StartAsync(directory.Path, new Dictionary<string, string?> { ["Ssf:AllowHttpEndpoints"] = "false" });

        var (response, error) = await strict.SendAsync(HttpMethod.Post, "/ssf/stream", PushStream("http://receiver.example/events"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must use https", error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.0.0/16")]
    [InlineData("https://127.0.0.1:8443/events", "127.0.0.0/8")]
    [InlineData("https://[::1]/events", "::/127")]
    [InlineData("https://[::ffff:10.1.2.3]/events", "10.0.0.0/8")]
    [InlineData("https://localhost/events", "localhost is loopback")]
    public async Task Push_endpoints_at_non_public_addresses_are_refused_unless_allowed(string endpoint, string named)
    {
        using var directory = new TemporaryDirectory();
        using var allowingDirectory = new TemporaryDirectory();
        await using var strict = await TestTransmitter.StartAsync(directory.Path, new Dictionary<string, string?> { ["Ssf:AllowHttpEndpoints"] = "false" });
        await using var allowing = await TestTransmitter.StartAsync(allowingDirectory.Path, new Dictionary<string, string?>
        {
            ["Ssf:AllowHttpEndpoints"] = "false",
            ["Ssf:AllowPrivateEndpoints"] = "true",
        });

        var (refused, error) = await strict.SendAsync(HttpMethod.Post, "/ssf/stream", PushStream(endpoint));
        var (created, _) = await allowing.SendAsync(HttpMethod.Post, "/ssf/stream", PushStream(endpoint));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(named, error.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401_with_a_challenge_and_without_the_scope_403()
    {
        var (missing, _) = await _transmitter.SendAsync(HttpMethod.Get, "/ssf/stream", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer realm=\"riskengine-ssf\"", missing.Headers.WwwAuthenticate.ToString());

        var (unknown, _) = await _transmitter.SendAsync(HttpMethod.Get, "/ssf/stream", token: "guessed");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("error=\"invalid_token\"", unknown.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var (readOnly, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/stream", PushStream(), token: TestTransmitter.ReadToken);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("error=\"insufficient_scope\", scope=\"ssf.manage\"", readOnly.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var (scopeless, _) = await _transmitter.SendAsync(HttpMethod.Get, "/ssf/stream", token: TestTransmitter.ScopelessToken);
        Assert.Equal(HttpStatusCode.Forbidden, scopeless.StatusCode);
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_refused_even_with_a_good_header()
    {
        var (response, error) = await _transmitter.SendAsync(HttpMethod.Get, $"/ssf/stream?access_token={TestTransmitter.ManageToken}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not accepted in the query string", error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_token_file_takes_effect_without_a_restart()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "tokens"), "rotated-token ssf.read\n");
        File.SetLastWriteTimeUtc(Path.Combine(_directory.Path, "tokens"), DateTime.UtcNow.AddSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await _transmitter.SendAsync(HttpMethod.Get, "/ssf/stream", token: "rotated-token")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _transmitter.SendAsync(HttpMethod.Get, "/ssf/stream", token: TestTransmitter.ReadToken)).Response.StatusCode);
    }

    [Fact]
    public async Task Status_is_read_and_changed_and_a_per_subject_status_is_refused()
    {
        var id = await _transmitter.CreatePushStreamAsync(new Uri(Receiver));

        var (read, status) = await _transmitter.SendAsync(HttpMethod.Get, $"/ssf/status?stream_id={id}", token: TestTransmitter.ReadToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("enabled", status.GetProperty("status").GetString());

        var (changed, changedStatus) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/status", new { stream_id = id, status = "paused", reason = "maintenance" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(("paused", "maintenance"), (changedStatus.GetProperty("status").GetString(), changedStatus.GetProperty("reason").GetString()));

        var (bad, error) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/status", new { stream_id = id, status = "asleep" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'status' is 'asleep'", error.GetProperty("description").GetString(), StringComparison.Ordinal);

        var (perSubject, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/status",
            new { stream_id = id, status = "enabled", subject = new { format = "email", email = "a@example.com" } });
        Assert.Equal(HttpStatusCode.BadRequest, perSubject.StatusCode);

        var (missing, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/status", new { stream_id = "nope", status = "enabled" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Subjects_are_added_with_200_removed_with_204_and_must_be_subject_identifiers()
    {
        var id = await _transmitter.CreatePushStreamAsync(new Uri(Receiver));
        var subject = new { format = "email", email = "alice@example.com" };

        Assert.Equal(HttpStatusCode.OK, (await _transmitter.SendAsync(HttpMethod.Post, "/ssf/subjects:add", new { stream_id = id, subject, verified = true })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _transmitter.SendAsync(HttpMethod.Post, "/ssf/subjects:remove", new { stream_id = id, subject })).Response.StatusCode);

        var (bad, error) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/subjects:add", new { stream_id = id, subject = new { format = "phone_number", phone_number = "+1" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'subject' is not a subject identifier", error.GetProperty("description").GetString(), StringComparison.Ordinal);

        var (missing, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/subjects:add", new { stream_id = "nope", subject });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Verification_answers_204_and_429_when_asked_again_within_the_interval()
    {
        var id = await _transmitter.CreatePushStreamAsync(new Uri(Receiver));

        var (first, _) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/verify", new { stream_id = id, state = "abc" });
        var (second, error) = await _transmitter.SendAsync(HttpMethod.Post, "/ssf/verify", new { stream_id = id });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("30", second.Headers.RetryAfter?.ToString());
        Assert.Contains("min_verification_interval", error.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
