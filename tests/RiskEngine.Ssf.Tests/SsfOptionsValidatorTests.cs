using RiskEngine.Storage;

namespace RiskEngine.Ssf.Tests;

public sealed class SsfOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.True(new SsfOptionsValidator().Validate(null, new SsfOptions()).Succeeded);

    [Fact]
    public void Nested_sections_and_cross_field_rules_are_checked()
    {
        var options = new SsfOptions { RoutePrefix = "ssf/", PublicBaseUrl = new Uri("ftp://transmitter.example") };
        options.Push.InitialRetryDelay = TimeSpan.FromMinutes(10);
        options.Push.Jitter = 1.5;
        options.Poll.DefaultMaxEvents = 5000;
        options.Storage.Provider = StorageProvider.PostgreSql;
        options.Storage.ConnectionStringEnvironmentVariable = "RISKENGINE_SSF_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var failures = new SsfOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Contains(failures, failure => failure.StartsWith("Ssf: RoutePrefix must start with '/'", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Ssf:Push: The field Jitter", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("InitialRetryDelay (00:10:00) must not exceed MaxRetryDelay (00:05:00)", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("DefaultMaxEvents (5000) must not exceed MaxEventsLimit (1000)", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("PublicBaseUrl 'ftp://transmitter.example/' must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("no connection string is given", StringComparison.Ordinal));
        Assert.Equal(6, failures.Length);
    }
}
