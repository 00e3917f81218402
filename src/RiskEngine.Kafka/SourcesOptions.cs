using RiskEngine.Sources.Mesh;
using RiskEngine.Sources.Opa;

namespace RiskEngine.Kafka;

/// <summary>
/// The input topics the decode stage consumes, each with its format. Bound from the "Sources" section, e.g.
/// <c>Sources:Topics:0:Topic=okta-logs</c>, <c>Sources:Topics:0:Format=Okta</c>. With none configured, the
/// sign-in topic (formats detected per message) and the OPA decision topic are read.
/// </summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Sources";

    public List<SourceTopicOptions> Topics { get; } = [];

    /// <summary>Istio/Envoy access logs: which fields carry the source and destination principals.</summary>
    public EnvoyAccessLogOptions Envoy { get; set; } = new();

    /// <summary>OPA decision logs: which input paths name the subject, resource, action, classification and session.</summary>
    public OpaDecisionLogOptions Opa { get; set; } = new();

    /// <summary>The configured topics, or the defaults when none are.</summary>
    public IReadOnlyList<SourceTopicOptions> Effective(TopicOptions topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return Topics.Count > 0
            ? Topics
            : [
                new SourceTopicOptions { Topic = topics.SignIns, Format = Sources.SourceFormat.Auto },
                new SourceTopicOptions { Topic = topics.Decisions, Format = Sources.SourceFormat.Opa },
            ];
    }
}
