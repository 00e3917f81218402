using System.IO.Compression;
using System.Text;

namespace RiskEngine.Sources.Tests;

public sealed class FormatDetectorTests
{
    [Theory]
    [InlineData("""{"records":[{"category":"SignInLogs"}]}""", SourceFormat.Entra)]
    [InlineData("""{"id":"s-1","createdDateTime":"2026-11-22T08:00:00Z","userId":"u"}""", SourceFormat.Entra)]
    [InlineData("""{"uuid":"e","published":"2026-11-22T08:00:00Z","eventType":"user.session.start"}""", SourceFormat.Okta)]
    [InlineData("""[{"uuid":"e","published":"2026-11-22T08:00:00Z"}]""", SourceFormat.Okta)]
    [InlineData("""{"eventType":"com.okta.event_hook","data":{"events":[]}}""", SourceFormat.Okta)]
    [InlineData("""{"authority":"orders:8080","start_time":"2026-11-22T08:00:00.000Z","response_code":200}""", SourceFormat.Envoy)]
    [InlineData("""{"client.addr":"10.0.0.9:5123","client.id":"web.ns.serviceaccount.identity.linkerd.cluster.local","status":200}""", SourceFormat.Linkerd)]
    [InlineData("""{"labels":{"id":"opa"},"decision_id":"d","path":"app/authz/allow"}""", SourceFormat.Opa)]
    [InlineData("""[{"decision_id":"d"},{"decision_id":"e"}]""", SourceFormat.Opa)]
    public void Each_format_is_told_by_a_field_only_it_writes(string json, SourceFormat expected)
    {
        Assert.Equal(expected, FormatDetector.Detect(Encoding.UTF8.GetBytes(json), out var malformed));
        Assert.Null(malformed);
    }

    [Fact]
    public void A_gzip_payload_is_an_OPA_upload()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("""[{"decision_id":"d"}]"""u8);
        }

        Assert.Equal(SourceFormat.Opa, FormatDetector.Detect(compressed.ToArray(), out _));
    }

    [Theory]
    [InlineData("""{"greeting":"hello","nested":{"decision_id":"not at the top"}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""42""")]
    public void JSON_of_no_known_format_is_unknown_not_malformed(string json)
    {
        Assert.Null(FormatDetector.Detect(Encoding.UTF8.GetBytes(json), out var malformed));
        Assert.Null(malformed);
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("")]
    [InlineData("[")]
    public void Text_that_is_not_JSON_is_reported_as_malformed(string text)
    {
        Assert.Null(FormatDetector.Detect(Encoding.UTF8.GetBytes(text), out var malformed));
        Assert.NotNull(malformed);
    }
}
