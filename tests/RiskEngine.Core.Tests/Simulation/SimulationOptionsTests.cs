using RiskEngine.Simulation;

namespace RiskEngine.Core.Tests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new SimulationOptions();

        options.Validate();
        Assert.Equal(200, options.Identities);
        Assert.Equal(7, options.Seed);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), options.Start);
        Assert.Equal(TimeSpan.FromHours(8), options.Duration);
        Assert.Equal(1, options.Takeovers);
        Assert.Equal(SignInEncoding.GraphSignIn, options.Encoding);
        Assert.True(Guid.TryParse(options.TenantId, out _));
        Assert.Equal(1, options.RecordsPerEnvelope);
    }

    [Theory]
    [InlineData(nameof(SimulationOptions.Identities))]
    [InlineData(nameof(SimulationOptions.Takeovers))]
    [InlineData(nameof(SimulationOptions.Duration))]
    [InlineData(nameof(SimulationOptions.TenantId))]
    [InlineData(nameof(SimulationOptions.RecordsPerEnvelope))]
    [InlineData(nameof(SimulationOptions.Encoding))]
    public void Invalid_settings_are_rejected_by_name(string setting)
    {
        var options = setting switch
        {
            nameof(SimulationOptions.Identities) => new SimulationOptions { Identities = 0, Takeovers = 0 },
            nameof(SimulationOptions.Takeovers) => new SimulationOptions { Identities = 3, Takeovers = 4 },
            nameof(SimulationOptions.Duration) => new SimulationOptions { Duration = TimeSpan.FromHours(2) },
            nameof(SimulationOptions.TenantId) => new SimulationOptions { TenantId = "contoso" },
            nameof(SimulationOptions.RecordsPerEnvelope) => new SimulationOptions { RecordsPerEnvelope = 0 },
            _ => new SimulationOptions { Encoding = (SignInEncoding)9 },
        };

        var error = Assert.Throws<ArgumentException>(() => new SignInSimulator(options));
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void A_short_run_without_takeovers_is_allowed()
    {
        var events = new SignInSimulator(new SimulationOptions { Duration = TimeSpan.FromMinutes(30), Takeovers = 0, Identities = 10 }).Generate().ToList();

        Assert.All(events, e => Assert.False(e.IsMalicious));
    }
}
