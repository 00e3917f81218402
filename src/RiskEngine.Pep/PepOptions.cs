using System.ComponentModel.DataAnnotations;
using RiskEngine.Kafka;

namespace RiskEngine.Pep;

/// <summary>
/// What a policy enforcement point needs to follow the engine's SETs: where they are (<see cref="Kafka"/>,
/// <see cref="Topic"/>), whom to trust (<see cref="JwksUri"/>, <see cref="Issuer"/>, <see cref="Audience"/>), how long
/// a revocation holds, and which claims name a request's user and session. Bound from the "Pep" section and checked
/// by <see cref="PepOptionsValidator"/> at start.
/// </summary>
public sealed class PepOptions
{
    public const string SectionName = "Pep";

    /// <summary>The cluster the engine writes to; the PEP never starts an embedded one, so a bootstrap server or an Event Hubs namespace is required.</summary>
    [Required]
    public KafkaOptions Kafka { get; set; } = new();

    /// <summary>The SET topic (the engine's <c>Topics:Revocations</c>).</summary>
    [Required]
    public string Topic { get; set; } = "riskengine.revocations";

    /// <summary>The engine's JWKS (e.g. <c>http://engine:8080/.well-known/jwks.json</c>); every SET is verified against it.</summary>
    [Required]
    public Uri? JwksUri { get; set; }

    /// <summary>The <c>iss</c> a SET must carry (the engine's <c>Caep:Issuer</c>).</summary>
    [Required]
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The audience this PEP is: a SET counts only when its <c>aud</c> is or contains it (one of the engine's <c>Caep:Audiences</c>).</summary>
    [Required]
    public string Audience { get; set; } = string.Empty;

    /// <summary>
    /// How long a revocation holds after its <c>event_timestamp</c>; it should outlast the sessions it ends. At start
    /// the PEP reads the topic from this long ago, so a restarted PEP refuses what it refused before.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RevocationLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Where a starting PEP begins reading the topic; see <see cref="Subscription.StartPosition"/>.</summary>
    public Subscription.StartPosition StartPosition { get; set; } = Subscription.StartPosition.Earliest;

    /// <summary>
    /// A SET signed with a key the PEP does not know makes it fetch the JWKS again, but not more often than this,
    /// so a flood of SETs with made-up <c>kid</c>s cannot hammer the engine's JWKS endpoint; a failed fetch is
    /// retried no sooner either. SETs that wait for the next permitted fetch are held (up to
    /// <see cref="MaxHeldSecurityEventTokens"/>), not dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan JwksMinRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The JWKS is fetched again once it is this old, so a key the engine withdrew stops being trusted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan JwksMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>SETs with an unknown <c>kid</c> held for the next permitted JWKS fetch; past this they are rejected.</summary>
    [Range(1, 100_000)]
    public int MaxHeldSecurityEventTokens { get; set; } = 1000;

    /// <summary>How often expired revocations are removed (and reported as expired); a lookup never sees one expired either way.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a fetch waits at the broker when there is nothing new. Real brokers answer as soon as a SET arrives,
    /// so this bounds idle polling only; librdkafka's mock cluster answers at the deadline, so tests use 1 ms.
    /// <see cref="KafkaOptions.FetchWaitMaxMs"/> in <see cref="Kafka"/> overrides it.
    /// </summary>
    [Range(1, 10_000)]
    public int FetchWaitMaxMs { get; set; } = 10;

    /// <summary>Which claims of an authenticated request name its user, session and sign-in time.</summary>
    [Required]
    public PrincipalClaimOptions Claims { get; set; } = new();
}
