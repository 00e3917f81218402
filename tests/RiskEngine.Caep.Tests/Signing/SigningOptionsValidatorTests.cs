using RiskEngine.Caep.Signing;

namespace RiskEngine.Caep.Tests.Signing;

public class SigningOptionsValidatorTests
{
    private static List<string> Failures(SigningOptions options) =>
        new SigningOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_are_valid_and_zero_delays_are_allowed()
    {
        Assert.Empty(Failures(new SigningOptions()));
        Assert.Empty(Failures(new SigningOptions { PublishAhead = TimeSpan.Zero, Retention = TimeSpan.Zero, RefreshInterval = TimeSpan.Zero }));
    }

    [Fact]
    public void Negative_delays_and_out_of_range_refresh_intervals_are_refused_by_name()
    {
        List<string> failures = Failures(new SigningOptions
        {
            PublishAhead = TimeSpan.FromSeconds(-1),
            Retention = TimeSpan.FromSeconds(-1),
            RefreshInterval = TimeSpan.FromMilliseconds(10),
            KeyDirectory = " ",
        });

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("SigningOptions.PublishAhead must not be negative", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SigningOptions.Retention must not be negative", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SigningOptions.RefreshInterval must be zero (never) or between", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SigningOptions.KeyDirectory", StringComparison.Ordinal));
        Assert.Single(Failures(new SigningOptions { RefreshInterval = TimeSpan.FromDays(50) }));
    }
}
