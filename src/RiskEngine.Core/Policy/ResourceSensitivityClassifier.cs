using RiskEngine.Core.Events;

namespace RiskEngine.Core.Policy;

/// <summary>
/// The sensitivity of what an event touches: its classification label when the producer gave one (an OPA input),
/// else what the configuration says of its application or resource, else the default.
/// </summary>
public sealed class ResourceSensitivityClassifier
{
    private readonly ResourceSensitivityOptions _options;
    private readonly Dictionary<string, ResourceSensitivity> _labels;
    private readonly Dictionary<string, ResourceSensitivity> _resources;

    public ResourceSensitivityClassifier(ResourceSensitivityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        // Copied with our comparer: configuration binding may have replaced the dictionaries with case-sensitive ones.
        _labels = new Dictionary<string, ResourceSensitivity>(options.Labels, StringComparer.OrdinalIgnoreCase);
        foreach (var sensitivity in Enum.GetValues<ResourceSensitivity>())
        {
            _labels[sensitivity.ToString()] = sensitivity;
        }

        _resources = new Dictionary<string, ResourceSensitivity>(options.Resources, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The sensitivity of a classification label, or null for a label it does not know.</summary>
    public ResourceSensitivity? OfLabel(string? classification) =>
        classification is not null && _labels.TryGetValue(classification, out var sensitivity) ? sensitivity : null;

    public ResourceSensitivity Classify(IdentityEvent identityEvent)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        if (OfLabel(identityEvent.Classification) is { } labelled)
        {
            return labelled;
        }

        if (identityEvent.Resource is { } resource && _resources.TryGetValue(resource, out var listed))
        {
            return listed;
        }

        return identityEvent.AppDisplayName is { } app && _resources.TryGetValue(app, out var application) ? application : _options.Default;
    }
}
