namespace RiskEngine.Simulation;

/// <summary>
/// Simulates Microsoft Entra ID interactive sign-ins of a population of identities over a span of event time, with
/// harmless irregularities (mistyped passwords, trips, new phones) and account takeovers. The same options always give
/// the same events, byte for byte.
/// </summary>
public sealed class SignInSimulator
{
    private readonly IReadOnlyList<IdentityProfile> profiles;
    private readonly DateTimeOffset start;
    private readonly DateTimeOffset end;
    private readonly TimeSpan takeoverSpread;

    /// <exception cref="ArgumentException">The options cannot be simulated.</exception>
    public SignInSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        start = options.Start;
        end = options.Start + options.Duration;
        takeoverSpread = options.TakeoverSpread;
        profiles = Population.Create(options.Identities, options.Takeovers, options.Seed);
        Identities = [.. profiles.Select(p => p.Identity)];
    }

    /// <summary>The simulated population, in a fixed order.</summary>
    public IReadOnlyList<SimulatedIdentity> Identities { get; }

    /// <summary>The run's sign-ins in non-decreasing event time; each enumeration starts the run afresh.</summary>
    public IEnumerable<SimulatedSignIn> Generate()
    {
        // Each identity's schedule is lazy and ordered, so merging holds one pending sign-in per identity.
        foreach (var fact in OrderedMerge.Merge([.. profiles.Select(p => new IdentitySchedule(p, start, end, takeoverSpread).Events())], fact => fact.Time.UtcTicks))
        {
            yield return new SimulatedSignIn(fact.User.IdentityId, fact.Id, fact.Time, SignInJson.WriteSignIn(fact), fact.IsMalicious, fact.Scenario);
        }
    }

    /// <summary>
    /// Wraps sign-ins the way Azure Monitor diagnostic settings deliver them to an Event Hub:
    /// <c>{"records":[...]}</c>, one <c>SignInLogs</c> record per sign-in with the Graph object as its <c>properties</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tenantId"/> is empty, or a payload is not a Graph signIn object.</exception>
    public static byte[] EncodeEnvelope(IReadOnlyList<SimulatedSignIn> batch, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return SignInJson.WriteEnvelope([.. batch.Select(signIn => (signIn.EventId, signIn.Payload))], tenantId);
    }
}
