using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests.Simulation;

/// <summary>When in the simulated run the attackers strike: by default early, or over the whole run when asked.</summary>
public sealed class TakeoverSpreadTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void By_default_every_takeover_begins_in_the_first_hours_of_the_run()
    {
        var hours = TakeoverHours(new SimulationOptions { Identities = 300, Takeovers = 60, Seed = 11, Start = Start });

        Assert.Equal(60, hours.Count);
        // Each begins at the victim's first sign-in past its point in hours 1 to 3; a lunch break can put that later.
        Assert.All(hours, hour => Assert.InRange(hour, 1.0, 5.0));
    }

    [Fact]
    public void A_spread_over_the_whole_run_scatters_takeovers_to_its_end()
    {
        var options = new SimulationOptions { Identities = 300, Takeovers = 60, Seed = 11, Start = Start };
        options.TakeoverSpread = options.Duration - SimulationOptions.MinimumDurationWithTakeovers;

        var hours = TakeoverHours(options);

        Assert.Equal(60, hours.Count);
        Assert.All(hours, hour => Assert.InRange(hour, 1.0, options.Duration.TotalHours));
        // Past the fifth hour, where the default puts none; and still some early ones.
        Assert.True(hours.Count(hour => hour > 5.0) >= 10, $"only {hours.Count(hour => hour > 5.0)} of 60 takeovers began after the fifth hour");
        Assert.Contains(hours, hour => hour < 3.0);
    }

    [Fact]
    public void A_negative_spread_is_refused()
    {
        var options = new SimulationOptions { TakeoverSpread = TimeSpan.FromHours(-1) };

        var refused = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(SimulationOptions.TakeoverSpread), refused.ParamName);
    }

    // Hours into the run of each victim's first attacker sign-in.
    private static List<double> TakeoverHours(SimulationOptions options) =>
        [.. new SignInSimulator(options).Generate()
            .Where(signIn => signIn.IsMalicious)
            .GroupBy(signIn => signIn.IdentityId)
            .Select(attack => (attack.Min(signIn => signIn.Time) - options.Start).TotalHours)];
}
