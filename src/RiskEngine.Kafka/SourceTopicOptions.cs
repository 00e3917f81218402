using System.ComponentModel.DataAnnotations;
using RiskEngine.Sources;

namespace RiskEngine.Kafka;

/// <summary>One input topic and the format of its messages (Auto: detected per message).</summary>
public sealed class SourceTopicOptions
{
    [Required]
    public string Topic { get; set; } = string.Empty;

    public SourceFormat Format { get; set; } = SourceFormat.Auto;
}
