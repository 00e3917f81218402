using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Opa.Client;
using RiskEngine.Opa.Tests.Peers;

namespace RiskEngine.Opa.Tests.Client;

public sealed class OpaDataClientTests : IAsyncLifetime
{
    private readonly string _tokenFile = Path.GetTempFileName();
    private OpaStandIn _opa = null!;

    public async Task InitializeAsync() => _opa = await OpaStandIn.StartedAsync("right-token");

    public async Task DisposeAsync()
    {
        await _opa.DisposeAsync();
        File.Delete(_tokenFile);
    }

    [Fact]
    public async Task A_document_put_is_read_back_and_nothing_is_null()
    {
        using var client = Client("right-token");
        Assert.Null(await client.GetDocumentAsync(CancellationToken.None));

        await client.PutDocumentAsync(Encoding.UTF8.GetBytes("""{"subjects": {"ann": {"jti": "j1"}}, "sessions": {}}"""), CancellationToken.None);

        var document = (await client.GetDocumentAsync(CancellationToken.None))!.Value;
        Assert.Equal("j1", document.GetProperty("subjects").GetProperty("ann").GetProperty("jti").GetString());
        Assert.Equal("/v1/data/riskengine/revoked", client.DocumentPath);
    }

    [Fact]
    public async Task A_patch_is_applied_and_a_patch_under_a_missing_document_reports_it_missing()
    {
        using var client = Client("right-token");
        var patch = Encoding.UTF8.GetBytes("""[{"op": "add", "path": "/subjects/ann", "value": {"jti": "j1"}}]""");

        Assert.Equal(PatchOutcome.DocumentMissing, await client.PatchDocumentAsync(patch, CancellationToken.None));
        await client.PutDocumentAsync(Encoding.UTF8.GetBytes("""{"subjects": {}, "sessions": {}}"""), CancellationToken.None);
        Assert.Equal(PatchOutcome.Applied, await client.PatchDocumentAsync(patch, CancellationToken.None));

        Assert.Equal("j1", (await _opa.DocumentAsync())!.Value.GetProperty("subjects").GetProperty("ann").GetProperty("jti").GetString());
        var sent = (await _opa.RequestsAsync()).Where(request => request.Method != "GET").Select(request => (request.Method, request.ContentType));
        Assert.Equal([("PATCH", "application/json-patch+json"), ("PUT", "application/json"), ("PATCH", "application/json-patch+json")], sent);
    }

    [Fact]
    public async Task A_wrong_token_is_a_clear_permanent_error_that_names_where_the_token_came_from_but_not_the_token()
    {
        using var client = Client("stale-token-4711");

        var error = await Assert.ThrowsAsync<OpaRequestException>(() =>
            client.PutDocumentAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("unauthorized", error.Code);
        Assert.Contains("refused PUT /v1/data/riskengine/revoked with 401 unauthorized: request rejected by administrative policy", error.Message, StringComparison.Ordinal);
        Assert.Contains($"bearer token from Opa:TokenFile ({_tokenFile})", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("stale-token-4711", error.Message, StringComparison.Ordinal);
        // Permanent: one try, no retries.
        Assert.False(Assert.Single(await _opa.RequestsAsync()).Authorized);
    }

    [Fact]
    public async Task A_put_under_a_non_object_parent_is_a_write_conflict_that_says_to_choose_another_path()
    {
        await _opa.PutAsync("\"a string, not an object\"", "riskengine");
        using var client = Client("right-token");

        var error = await Assert.ThrowsAsync<OpaRequestException>(() =>
            client.PutDocumentAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None));

        Assert.Equal((HttpStatusCode.NotFound, "resource_conflict"), (error.StatusCode, error.Code));
        Assert.Contains("A write conflict", error.Message, StringComparison.Ordinal);
        Assert.Contains("choose another Opa:DataPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_token_file_is_read_again()
    {
        using var client = Client("stale-token");
        await Assert.ThrowsAsync<OpaRequestException>(() => client.GetDocumentAsync(CancellationToken.None));

        await File.WriteAllTextAsync(_tokenFile, "# rotated\nright-token\n");
        File.SetLastWriteTimeUtc(_tokenFile, DateTime.UtcNow.AddSeconds(5));

        Assert.Null(await client.GetDocumentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_OPA_is_unavailable_after_the_configured_tries()
    {
        await _opa.StopAsync();
        using var client = Client("right-token", options => options.MaxAttempts = 3);

        var error = await Assert.ThrowsAsync<OpaUnavailableException>(() =>
            client.PatchDocumentAsync(Encoding.UTF8.GetBytes("[]"), CancellationToken.None));

        Assert.Contains($"OPA at {_opa.BaseUrl} did not take PATCH /v1/data/riskengine/revoked after 3 tries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_fails_transiently_succeeds_when_OPA_comes_back_within_the_tries()
    {
        await _opa.StopAsync();
        using var client = Client("right-token", options =>
        {
            options.MaxAttempts = 20;
            options.RetryInitialDelay = TimeSpan.FromMilliseconds(100);
            options.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        });

        var put = client.PutDocumentAsync(Encoding.UTF8.GetBytes("""{"subjects": {}, "sessions": {}}"""), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(put.IsCompleted);
        await _opa.StartAsync();
        await put;

        Assert.NotNull(await _opa.DocumentAsync());
    }

    private OpaDataClient Client(string token, Action<OpaOptions>? configure = null)
    {
        File.WriteAllText(_tokenFile, token + "\n");
        var options = new OpaOptions
        {
            BaseUrl = _opa.BaseUrl,
            TokenFile = _tokenFile,
            RetryInitialDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        return new OpaDataClient(wrapped, new OpaBearerToken(wrapped), NullLogger<OpaDataClient>.Instance);
    }
}
