namespace RiskEngine.Opa.Tests;

public sealed class OpaOptionsValidatorTests
{
    [Fact]
    public void The_defaults_with_a_base_url_are_valid() =>
        Assert.True(new OpaOptionsValidator().Validate(null, new OpaOptions { BaseUrl = new Uri("http://127.0.0.1:8181") }).Succeeded);

    [Theory]
    [InlineData("ftp://opa:8181", "Opa:BaseUrl must be an absolute http or https URL")]
    [InlineData("http://opa:8181/?x=1", "without query or fragment")]
    public void A_base_url_that_is_not_plain_http_is_refused(string url, string expected)
    {
        var result = new OpaOptionsValidator().Validate(null, new OpaOptions { BaseUrl = new Uri(url) });
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("/riskengine/revoked", "without a leading or trailing one")]
    [InlineData("riskengine//revoked", "without a leading or trailing one")]
    [InlineData("risk engine/revoked", "got 'risk engine'")]
    [InlineData("riskengine/revoked.v2", "got 'revoked.v2'")]
    public void A_data_path_that_is_not_plain_segments_is_refused(string path, string expected)
    {
        var result = new OpaOptionsValidator().Validate(null, new OpaOptions { DataPath = path });
        Assert.Contains("Opa:DataPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_file_and_inverted_retry_delays_are_both_reported()
    {
        var result = new OpaOptionsValidator().Validate(null, new OpaOptions
        {
            TokenFile = "/nonexistent/opa-token",
            RetryInitialDelay = TimeSpan.FromSeconds(20),
            RetryMaxDelay = TimeSpan.FromSeconds(10),
        });

        Assert.Contains("Opa:TokenFile '/nonexistent/opa-token' does not exist.", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Opa:RetryInitialDelay (00:00:20) must not exceed Opa:RetryMaxDelay (00:00:10).", result.FailureMessage, StringComparison.Ordinal);
    }
}
