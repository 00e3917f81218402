using System.ComponentModel.DataAnnotations;
using RiskEngine.Ssf.Delivery.Poll;
using RiskEngine.Ssf.Delivery.Push;
using RiskEngine.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf;

/// <summary>
/// The SSF transmitter (issue 5): its HTTP API, the outbox it delivers from, and push and poll delivery. Bound from
/// the "Ssf" section and checked by <see cref="SsfOptionsValidator"/>. Management bearer tokens come from
/// <see cref="TokenFile"/> (lines of "token scope scope", re-read when it changes) or the RISKENGINE_SSF_TOKEN
/// environment variable; the scopes are <c>ssf.manage</c> and <c>ssf.read</c>.
/// </summary>
public sealed class SsfOptions
{
    public const string SectionName = "Ssf";
    public const string TokenEnvironmentVariable = "RISKENGINE_SSF_TOKEN";

    /// <summary>Off by default: the transmitter keeps a database and a consumer group, which a PEP-only deployment does not need.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the management and poll endpoints live, below the host's root.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]$", ErrorMessage = "RoutePrefix must start with '/' and not end with one, e.g. /ssf.")]
    public string RoutePrefix { get; set; } = "/ssf";

    /// <summary>
    /// The absolute URL receivers reach this host at, for the endpoints the configuration document and poll streams
    /// advertise; unset, each request's own scheme and host are used.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Whether a new stream delivers every subject until one is removed (All) or none until one is added (None).</summary>
    public DefaultSubjects DefaultSubjects { get; set; } = DefaultSubjects.All;

    /// <summary>The shortest time between two verification requests of one stream; a request sooner gets 429.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MinVerificationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Management and poll request bodies larger than this are refused.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Push endpoints must be https unless this is set (for tests and loopback receivers).</summary>
    public bool AllowHttpEndpoints { get; set; }

    /// <summary>
    /// Whether push endpoints may be loopback, private, link-local (cloud metadata, 169.254.169.254) or other
    /// non-public addresses. Off by default, so that a stream cannot point the transmitter into its own network;
    /// <see cref="AllowHttpEndpoints"/> (tests, loopback receivers) allows them too.
    /// </summary>
    public bool AllowPrivateEndpoints { get; set; }

    /// <summary>Whether non-public push endpoints are allowed, by <see cref="AllowPrivateEndpoints"/> or <see cref="AllowHttpEndpoints"/>.</summary>
    public bool PrivateEndpointsAllowed => AllowPrivateEndpoints || AllowHttpEndpoints;

    public string? TokenFile { get; set; }

    [Required]
    /// <summary>Streams, subjects and the outbox: their own SQLite file (ssf.db) by default, PostgreSQL from <c>RISKENGINE_SSF_POSTGRES</c>.</summary>
    public DatabaseOptions Storage { get; set; } = new() { SqliteFileName = "ssf.db", ConnectionStringEnvironmentVariable = "RISKENGINE_SSF_POSTGRES" };

    [Required]
    public PushDeliveryOptions Push { get; set; } = new();

    [Required]
    public PollDeliveryOptions Poll { get; set; } = new();

    /// <summary>How often the dispatcher re-reads the streams, so that changes made through another instance reach this one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StreamRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
