using RiskEngine.Core.Anomaly.Pca;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Anomaly.Features;

/// <summary>
/// The global model of normal activity: events' <see cref="EventFeatures"/>, normalised as in training, scored by
/// randomized PCA (how far the event lies outside the span of normal activity, 0 to 1); above
/// <see cref="Threshold"/> an event is unusual. Immutable, so a newly trained model is swapped in whole.
/// </summary>
public sealed class ActivityModel
{
    private readonly FeatureNormalizer _normalizer;
    private readonly PcaModel _pca;

    /// <exception cref="ArgumentException">The model was trained on other features, or its parts do not fit together.</exception>
    public ActivityModel(string name, IReadOnlyList<string> features, FeatureNormalizer normalizer, PcaModel pca, double threshold)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(pca);
        if (!features.SequenceEqual(EventFeatures.Names))
        {
            throw new ArgumentException(
                $"the model was trained on features [{string.Join(", ", features)}], but this engine computes [{string.Join(", ", EventFeatures.Names)}]: retrain it with this version",
                nameof(features));
        }

        if (pca.Dimension != EventFeatures.Dimension || normalizer.Dimension != EventFeatures.Dimension)
        {
            throw new ArgumentException($"the normaliser has {normalizer.Dimension} and the PCA {pca.Dimension} dimensions, not {EventFeatures.Dimension}", nameof(pca));
        }

        if (!(threshold is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "a PCA score threshold lies in (0, 1]");
        }

        Name = name;
        _normalizer = normalizer;
        _pca = pca;
        Threshold = threshold;
    }

    public string Name { get; }

    public double Threshold { get; }

    /// <summary>
    /// The score of <paramref name="identityEvent"/> seen in its identity's <paramref name="profile"/>, and the feature
    /// furthest from its training mean (in normalised units: standard deviations), which an analyst looks at first.
    /// </summary>
    public double Score(IdentityEvent identityEvent, in ActivityProfile profile, out int mostUnusualFeature, out double deviations)
    {
        Span<double> raw = stackalloc double[EventFeatures.Dimension];
        Span<double> normalized = stackalloc double[EventFeatures.Dimension];
        EventFeatures.Extract(identityEvent, profile, raw);
        _normalizer.Normalize(raw, normalized);
        (mostUnusualFeature, deviations) = (0, 0);
        for (var i = 0; i < normalized.Length; i++)
        {
            // The PCA's mean is the training mean in normalised units, whatever offset the normaliser applied.
            var deviation = normalized[i] - _pca.Mean[i];
            if (Math.Abs(deviation) > Math.Abs(deviations))
            {
                (mostUnusualFeature, deviations) = (i, deviation);
            }
        }

        return _pca.Score(normalized);
    }
}
