using System.Diagnostics;
using System.Net;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Http.OpaUpload;
using RiskEngine.Integration.Tests.Fixtures;

namespace RiskEngine.Integration.Tests;

/// <summary>OPA's decision-log plugin pointed at the engine: real HTTP on loopback, real Kafka behind it.</summary>
[Collection(SharedEngine.Name)]
public sealed class OpaUploadTests(EngineFixture engine) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = engine.BaseUri };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_gzip_batch_is_answered_2xx_once_every_decision_is_on_the_decisions_topic_and_is_then_scored()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();

        using var response = await PostAsync("/logs/edge-opa", OpaUploads.Gzip(OpaUploads.DecisionArray(ids)), EngineFixture.UploadToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var written = ReadDecisions(ids.Count, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), written.Select(DecisionId).Order(StringComparer.Ordinal));
        Assert.All(written, message => Assert.Equal("edge-opa", Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(DecisionLogUpload.PartitionHeader))));
        await engine.Recorder.WaitForScoredAsync(ids, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Uploads_without_a_valid_bearer_token_are_refused_and_not_written()
    {
        var refusedId = Guid.NewGuid().ToString();
        var acceptedId = Guid.NewGuid().ToString();

        using var anonymous = await PostAsync("/logs", OpaUploads.Gzip(OpaUploads.DecisionArray([refusedId])), token: null);
        using var wrongToken = await PostAsync("/logs", OpaUploads.Gzip(OpaUploads.DecisionArray([refusedId])), token: "not-the-token");
        using var accepted = await PostAsync("/logs", OpaUploads.Gzip(OpaUploads.DecisionArray([acceptedId])), EngineFixture.UploadToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var written = ReadDecisions(1, [acceptedId, refusedId]);
        Assert.Equal([acceptedId], written.Select(DecisionId));
    }

    [Fact]
    public async Task A_rotated_token_file_is_honoured_without_a_restart()
    {
        const string next = "the-next-upload-token";
        try
        {
            await File.WriteAllTextAsync(engine.UploadTokenFile, $"{EngineFixture.UploadToken}\n{next}\n");
            File.SetLastWriteTimeUtc(engine.UploadTokenFile, DateTime.UtcNow.AddSeconds(1));
            using var both = await PostAsync("/logs", OpaUploads.Gzip(OpaUploads.DecisionArray([Guid.NewGuid().ToString()])), next);
            Assert.Equal(HttpStatusCode.NoContent, both.StatusCode);

            await File.WriteAllTextAsync(engine.UploadTokenFile, next + "\n");
            File.SetLastWriteTimeUtc(engine.UploadTokenFile, DateTime.UtcNow.AddSeconds(2));
            using var retired = await PostAsync("/logs", OpaUploads.Gzip(OpaUploads.DecisionArray([Guid.NewGuid().ToString()])), EngineFixture.UploadToken);
            Assert.Equal(HttpStatusCode.Unauthorized, retired.StatusCode);
        }
        finally
        {
            await File.WriteAllTextAsync(engine.UploadTokenFile, EngineFixture.UploadToken + "\n");
            File.SetLastWriteTimeUtc(engine.UploadTokenFile, DateTime.UtcNow.AddSeconds(3));
        }
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_with_413_without_inflating_it()
    {
        // 256 MiB of zeros compresses to about 250 KiB, inside the request limit, far past the inflated limit.
        var bomb = OpaUploads.Gzip(new byte[256 * 1024 * 1024]);
        var stopwatch = Stopwatch.StartNew();

        using var response = await PostAsync("/logs", bomb, EngineFixture.UploadToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"refusing the bomb took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("[{\"decision_id\":\"cut")]
    [InlineData("\"a string, not decisions\"")]
    public async Task A_body_that_is_not_a_JSON_array_of_decisions_is_refused_with_400(string body)
    {
        using var response = await PostAsync("/logs", OpaUploads.Gzip(Encoding.UTF8.GetBytes(body)), EngineFixture.UploadToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_claiming_gzip_that_is_not_gzip_is_refused_with_400()
    {
        using var response = await PostAsync("/logs", OpaUploads.DecisionArray(["x"]), EngineFixture.UploadToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, byte[] gzipBody, string? token) => OpaUploads.PostAsync(_http, path, gzipBody, token);

    private List<ConsumeResult<byte[]?, byte[]>> ReadDecisions(int expected, IReadOnlyCollection<string> ids)
    {
        bool IsOurs(ConsumeResult<byte[]?, byte[]> message) => ids.Contains(DecisionId(message));
        var written = TopicReader.ReadUntil(engine.BootstrapServers, engine.Topics.Decisions, read => read.Count(IsOurs) >= expected, TimeSpan.FromSeconds(30))
            .Where(IsOurs)
            .ToList();
        return written.Count >= expected ? written : throw new Xunit.Sdk.XunitException($"expected {expected} of the decisions on {engine.Topics.Decisions}, found {written.Count}");
    }

    private static string DecisionId(ConsumeResult<byte[]?, byte[]> message)
    {
        using var decision = System.Text.Json.JsonDocument.Parse(message.Message.Value);
        return decision.RootElement.TryGetProperty("decision_id", out var id) ? id.GetString() ?? string.Empty : string.Empty;
    }
}
