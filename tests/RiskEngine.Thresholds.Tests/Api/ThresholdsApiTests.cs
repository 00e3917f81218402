using System.Net;
using System.Text.Json;
using RiskEngine.Testing;
using RiskEngine.Thresholds.Tests.Support;

namespace RiskEngine.Thresholds.Tests.Api;

/// <summary>/admin/thresholds over real HTTP: who may look, who may change, and what is refused with which status.</summary>
public sealed class ThresholdsApiTests : IAsyncLifetime
{
    private const string Path = "admin/thresholds";

    private ThresholdsApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ThresholdsApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Change(string thresholds, string author = "alice", string reason = "fewer step-ups on internal apps") =>
        $$"""{"author":{{JsonSerializer.Serialize(author)}},"reason":{{JsonSerializer.Serialize(reason)}},"thresholds":{{thresholds}}}""";

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = ThresholdsApiServer.Request(method, path, token, json);
        var response = await _server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Before_any_change_the_configured_thresholds_are_shown_as_version_0()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, Path, ThresholdsApiServer.ReadToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("version").GetInt32());
        Assert.Equal(60, body.GetProperty("thresholds").GetProperty("policy").GetProperty("thresholds").GetProperty("internal").GetProperty("stepUp").GetDouble());
        Assert.Null(SchemaValidator.Validate("thresholds-version.schema.json", body.GetRawText()));
    }

    [Fact]
    public async Task An_analyst_stores_a_version_that_the_engine_applies_and_anyone_with_read_access_sees()
    {
        var (status, created, response) = await SendAsync(HttpMethod.Put, Path, ThresholdsApiServer.WriteToken, Change(ThresholdDocuments.WithInternalStepUp(65).ToJson()));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("/admin/thresholds/1", response.Headers.Location?.OriginalString);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("alice", created.GetProperty("author").GetString());
        Assert.Equal("fewer step-ups on internal apps", created.GetProperty("reason").GetString());
        // The API looks for the new version itself before it answers, so the options have it already.
        Assert.Equal(1, _server.Trust.CurrentValue.ThresholdVersion);
        Assert.Equal(65, _server.Trust.CurrentValue.Policy.Thresholds.Internal.StepUp);

        var (_, current, _) = await SendAsync(HttpMethod.Get, Path, ThresholdsApiServer.ReadToken);
        var (_, byNumber, _) = await SendAsync(HttpMethod.Get, Path + "/1", ThresholdsApiServer.ReadToken);
        Assert.Equal(created.GetRawText(), current.GetRawText());
        Assert.Equal(created.GetRawText(), byNumber.GetRawText());
        Assert.All(SchemaValidator.Validate("thresholds-version.schema.json", [created.GetRawText()]), Assert.Null);
        Assert.Null(SchemaValidator.Validate("thresholds.schema.json", created.GetProperty("thresholds").GetRawText()));
    }

    [Fact]
    public async Task The_history_lists_versions_newest_first_and_a_rollback_adds_one_restoring_an_earlier()
    {
        await SendAsync(HttpMethod.Put, Path, ThresholdsApiServer.WriteToken, Change(ThresholdDocuments.WithInternalStepUp(61).ToJson(), "alice", "first"));
        await SendAsync(HttpMethod.Put, Path, ThresholdsApiServer.WriteToken, Change(ThresholdDocuments.WithInternalStepUp(64).ToJson(), "bob", "second"));

        var (status, rolledBack, _) = await SendAsync(HttpMethod.Post, Path + "/rollback", ThresholdsApiServer.WriteToken, """{"to":1,"author":"carol","reason":"64 stepped up half the company"}""");
        var (_, history, _) = await SendAsync(HttpMethod.Get, Path + "/history?limit=2", ThresholdsApiServer.ReadToken);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(3, rolledBack.GetProperty("version").GetInt32());
        Assert.Equal(1, rolledBack.GetProperty("rolledBackFrom").GetInt32());
        Assert.Equal(61, _server.Trust.CurrentValue.Policy.Thresholds.Internal.StepUp);
        Assert.Equal(3, _server.Trust.CurrentValue.ThresholdVersion);
        Assert.Equal([3, 2], history.EnumerateArray().Select(version => version.GetProperty("version").GetInt32()));
        Assert.Equal(["carol", "bob"], history.EnumerateArray().Select(version => version.GetProperty("author").GetString()));
    }

    [Theory]
    [InlineData("GET", Path, null)]
    [InlineData("GET", Path, "not-a-token")]
    [InlineData("GET", Path + "/history", null)]
    [InlineData("PUT", Path, null)]
    [InlineData("POST", Path + "/rollback", "not-a-token")]
    public async Task A_request_without_a_known_bearer_token_is_refused_with_401(string method, string path, string? token)
    {
        var (status, body, response) = await SendAsync(new HttpMethod(method), path, token, method == "GET" ? null : Change(ThresholdDocuments.Defaults().ToJson()));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.Equal(0, _server.Trust.CurrentValue.ThresholdVersion);
    }

    [Theory]
    [InlineData("PUT", Path, ThresholdsApiServer.ReadToken)]
    [InlineData("POST", Path + "/rollback", ThresholdsApiServer.ReadToken)]
    [InlineData("GET", Path, ThresholdsApiServer.OtherScopeToken)]
    public async Task A_token_without_the_scope_is_refused_with_403_and_nothing_changes(string method, string path, string token)
    {
        var (status, body, response) = await SendAsync(new HttpMethod(method), path, token, method == "GET" ? null : Change(ThresholdDocuments.Defaults().ToJson()));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("does not grant thresholds:", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, history, _) = await SendAsync(HttpMethod.Get, Path + "/history", ThresholdsApiServer.WriteToken);
        Assert.Empty(history.EnumerateArray());
    }

    [Fact]
    public async Task Incoherent_thresholds_are_refused_with_400_and_every_reason()
    {
        var (status, body, response) = await SendAsync(HttpMethod.Put, Path, ThresholdsApiServer.WriteToken, Change(ThresholdDocuments.RevokingBeforeSteppingUp().ToJson()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Trust:Policy:Thresholds:Internal must satisfy Revoke (70) < StepUp (60) < RiskLevelChange (80).", body.GetProperty("errors").EnumerateArray().Select(error => error.GetString()));
        Assert.Equal(0, _server.Trust.CurrentValue.ThresholdVersion);
    }

    [Theory]
    [InlineData("{not json", "the body is not JSON")]
    [InlineData("[1,2]", "the body is a JSON object")]
    [InlineData("""{"author":"alice","reason":"x"}""", "the body needs \"thresholds\"")]
    [InlineData("""{"author":"alice","reason":"x","thresholds":{"levels":{"lowBelow":"high"}}}""", "thresholds: ")]
    [InlineData("""{"author":"alice","reason":"x","thresholds":{"levels":{"lowBelow":85},"revokeBelow":30}}""", "revokeBelow")]
    [InlineData("""{"reason":"x","thresholds":{}}""", "an author is required")]
    public async Task A_malformed_change_is_refused_with_400_saying_what_is_wrong(string json, string expected)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Put, Path, ThresholdsApiServer.WriteToken, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Put, Path, ThresholdsApiServer.WriteToken, Change(ThresholdDocuments.Defaults().ToJson(), reason: new string('x', 70_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(0, _server.Trust.CurrentValue.ThresholdVersion);
    }

    [Fact]
    public async Task An_unknown_version_is_404_to_read_and_to_roll_back_to()
    {
        var (readStatus, _, _) = await SendAsync(HttpMethod.Get, Path + "/9", ThresholdsApiServer.ReadToken);
        var (rollbackStatus, body, _) = await SendAsync(HttpMethod.Post, Path + "/rollback", ThresholdsApiServer.WriteToken, """{"to":9,"author":"bob","reason":"undo"}""");

        Assert.Equal(HttpStatusCode.NotFound, readStatus);
        Assert.Equal(HttpStatusCode.NotFound, rollbackStatus);
        Assert.Equal("there is no version 9 to roll back to", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task A_history_limit_out_of_range_is_refused_with_400(string limit)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, Path + "/history?limit=" + limit, ThresholdsApiServer.ReadToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("limit must be between 1 and 1000", body.GetProperty("detail").GetString());
    }
}
