using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Simulation.Traffic;

/// <summary>What <see cref="TrafficSimulator"/> simulates.</summary>
public sealed class TrafficOptions
{
    /// <summary>Runs with scenarios last at least this long, so that every user's first working day falls inside.</summary>
    public static readonly TimeSpan MinimumDurationWithScenarios = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(31);

    /// <summary>Number of users.</summary>
    public int Identities { get; set; } = 200;

    /// <summary>The share of users who sign in through Okta; the others sign in through Entra ID.</summary>
    public double OktaShare { get; set; } = 0.4;

    /// <summary>Seed of all randomness: the same options always give the same bytes.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>Event time of the start of the run (cut to the millisecond).</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Event-time span of the run; events fall in [<see cref="Start"/>, <see cref="Start"/> + <see cref="Duration"/>).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Multiplies the rate of ordinary requests between workloads (about 30 a minute at 1); attacks keep their own
    /// rates, so a small value makes a small run in which the mesh attacks still stand out.
    /// </summary>
    public double MeshRate { get; set; } = 1;

    /// <summary>How many of each attack and benign look-alike the run has.</summary>
    public ScenarioMix Scenarios { get; set; } = ScenarioMix.Default;

    /// <summary>The Entra tenant, named in diagnostic-settings envelopes.</summary>
    public string TenantId { get; set; } = "3f8b6c1e-52a7-4d09-9e4b-7c21d5a0f6e3";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot be simulated.</summary>
    public void Validate()
    {
        if (Identities is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"Identities must be from 1 to 1,000,000, was {Identities}.", nameof(Identities));
        }

        if (OktaShare is < 0 or > 1 || double.IsNaN(OktaShare))
        {
            throw new ArgumentException($"OktaShare must be from 0 to 1, was {OktaShare}.", nameof(OktaShare));
        }

        if (Duration <= TimeSpan.Zero || Duration > MaximumDuration)
        {
            throw new ArgumentException($"Duration must be positive and at most {MaximumDuration.TotalDays} days, was {Duration}.", nameof(Duration));
        }

        if (Scenarios is null)
        {
            throw new ArgumentException("Scenarios is required (ScenarioMix.None for ordinary traffic only).", nameof(Scenarios));
        }

        if (Scenarios.Kinds.Any() && Duration < MinimumDurationWithScenarios)
        {
            throw new ArgumentException(
                $"Duration must be at least {MinimumDurationWithScenarios} when there are scenarios (every user's first working day must fall inside the run), was {Duration}.",
                nameof(Duration));
        }

        if (MeshRate is <= 0 or > 100 || double.IsNaN(MeshRate))
        {
            throw new ArgumentException($"MeshRate must be above 0 and at most 100, was {MeshRate}.", nameof(MeshRate));
        }

        if (!Guid.TryParse(TenantId, out _))
        {
            throw new ArgumentException($"TenantId must be a GUID, was '{TenantId}'.", nameof(TenantId));
        }
    }
}
