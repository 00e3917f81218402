using System.ComponentModel.DataAnnotations;
using RiskEngine.Sources;

namespace RiskEngine.Functions;

/// <summary>The custom handler's settings. Bound from the "Functions" section.</summary>
public sealed class FunctionsOptions
{
    public const string SectionName = "Functions";

    /// <summary>The Functions host's invocation requests name the trigger's data by the binding's <c>name</c> in function.json.</summary>
    [Required]
    public string TriggerBinding { get; set; } = "events";

    /// <summary>
    /// Each function (a folder under functions/ with its function.json) and the format of what its event hub
    /// carries; <c>Auto</c> detects the format per message. Configured names join these.
    /// </summary>
    public Dictionary<string, SourceFormat> Formats { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SignIns"] = SourceFormat.Auto,
        ["MeshAccessLogs"] = SourceFormat.Auto,
        ["OpaDecisions"] = SourceFormat.Opa,
    };

    /// <summary>
    /// How long a batch may wait for Kafka's acknowledgements before what is unfinished goes to the dead-letter
    /// directory; well under host.json's functionTimeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:09:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where batches the handler cannot finish are written before it answers, since the Event Hubs trigger
    /// checkpoints past them whatever it answers. On Azure, persistent storage: /home on Premium and Dedicated
    /// plans, or a mounted Azure Files share.
    /// </summary>
    [Required]
    public string DeadLetterDirectory { get; set; } = Path.Combine(
        Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(), "data", "riskengine", "dead-letter");

    /// <summary>An invocation request larger than this is refused (and kept in the dead-letter directory).</summary>
    [Range(1024 * 1024, 1024 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;
}
