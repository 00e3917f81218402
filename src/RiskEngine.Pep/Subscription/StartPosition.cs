namespace RiskEngine.Pep.Subscription;

/// <summary>Where a starting PEP begins reading the SET topic to rebuild its revocations.</summary>
public enum StartPosition
{
    /// <summary>
    /// The earliest offset kept: always complete (SETs older than <see cref="PepOptions.RevocationLifetime"/> are read
    /// and dropped), and the only choice on the embedded cluster, which does not answer offset-by-time lookups.
    /// </summary>
    Earliest,

    /// <summary>The first SET produced within <see cref="PepOptions.RevocationLifetime"/>: a faster start on a topic kept far longer than that.</summary>
    LifetimeAgo,
}
