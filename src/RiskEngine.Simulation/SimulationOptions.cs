namespace RiskEngine.Simulation;

/// <summary>What <see cref="SignInSimulator"/> simulates.</summary>
public sealed class SimulationOptions
{
    /// <summary>The shortest run that leaves room for a takeover: it starts at least an hour in, after the victim's own sign-ins.</summary>
    public static readonly TimeSpan MinimumDurationWithTakeovers = TimeSpan.FromHours(3);

    /// <summary>Number of identities in the population.</summary>
    public int Identities { get; set; } = 200;

    /// <summary>Seed of all randomness: the same options always give the same events.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>Event time of the start of the run.</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Event-time span of the run; events fall in [<see cref="Start"/>, <see cref="Start"/> + <see cref="Duration"/>).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Number of identities whose account an attacker takes over.</summary>
    public int Takeovers { get; set; } = 1;

    /// <summary>
    /// How far past the run's first hour a takeover may begin, each victim's at its own random point: by default within
    /// the second and third hours. A longer spread (at most the duration less three hours is used) scatters takeovers
    /// over the whole run, as a latency measurement that skips a warm-up needs.
    /// </summary>
    public TimeSpan TakeoverSpread { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How the command-line tool frames events as messages.</summary>
    public SignInEncoding Encoding { get; set; } = SignInEncoding.GraphSignIn;

    /// <summary>The Entra tenant the sign-ins belong to.</summary>
    public string TenantId { get; set; } = "3f8b6c1e-52a7-4d09-9e4b-7c21d5a0f6e3";

    /// <summary>Records per envelope when <see cref="Encoding"/> is <see cref="SignInEncoding.DiagnosticRecords"/>.</summary>
    public int RecordsPerEnvelope { get; set; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot be simulated.</summary>
    public void Validate()
    {
        if (Identities < 1)
        {
            throw new ArgumentException($"Identities must be at least 1, was {Identities}.", nameof(Identities));
        }

        if (Takeovers < 0 || Takeovers > Identities)
        {
            throw new ArgumentException(
                $"Takeovers must be between 0 and Identities ({Identities}), was {Takeovers}.", nameof(Takeovers));
        }

        if (TakeoverSpread < TimeSpan.Zero)
        {
            throw new ArgumentException($"TakeoverSpread must not be negative, was {TakeoverSpread}.", nameof(TakeoverSpread));
        }

        if (Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Duration must be positive, was {Duration}.", nameof(Duration));
        }

        if (Takeovers > 0 && Duration < MinimumDurationWithTakeovers)
        {
            throw new ArgumentException(
                $"Duration must be at least {MinimumDurationWithTakeovers} when Takeovers > 0 (a takeover starts at least an hour into the run, after the victim's own sign-ins), was {Duration}.",
                nameof(Duration));
        }

        if (!Guid.TryParse(TenantId, out _))
        {
            throw new ArgumentException($"TenantId must be a GUID, was '{TenantId}'.", nameof(TenantId));
        }

        if (RecordsPerEnvelope < 1)
        {
            throw new ArgumentException($"RecordsPerEnvelope must be at least 1, was {RecordsPerEnvelope}.", nameof(RecordsPerEnvelope));
        }

        if (!Enum.IsDefined(Encoding))
        {
            throw new ArgumentException($"Encoding {(int)Encoding} is not a {nameof(SignInEncoding)}.", nameof(Encoding));
        }
    }
}
