namespace RiskEngine.Http.BlastRadius;

/// <summary>What a bearer token of the blast-radius API may do.</summary>
public static class BlastRadiusScopes
{
    /// <summary>Look at the guard: whether it holds revocations, and the counts in its window.</summary>
    public const string Read = "blast-radius:read";

    /// <summary>Confirm a trip, so revocations go out again; implies <see cref="Read"/>.</summary>
    public const string Confirm = "blast-radius:confirm";
}
