using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Anomaly.Pca;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.ReferenceData.Models;

namespace RiskEngine.ReferenceData.Training;

/// <summary>
/// Trains the activity model: replays events in event time through each identity's <see cref="ActivityProfile"/>
/// exactly as the scoring stage does, so each row is the feature vector the engine will compute for such an event;
/// fits the normaliser and the randomized PCA on them, and sets the threshold at a quantile of the training scores.
/// </summary>
public static class ModelTrainer
{
    /// <exception cref="ArgumentException">The options cannot be trained with, or there are too few events.</exception>
    public static ModelDocument Train(EventFileContents contents, IReadOnlyList<string> inputs, TrainingOptions options, DateTimeOffset trainedAt)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(EventFeatures.Dimension);
        var events = contents.Events;
        if (events.Count < EventFeatures.Dimension * 10)
        {
            throw new ArgumentException($"{events.Count} events are too few to learn {EventFeatures.Dimension} features from; give at least {EventFeatures.Dimension * 10}", nameof(contents));
        }

        var rows = FeatureRows(events);
        // Z-scores (not ML.NET's zero-preserving default), so the model can say how many standard deviations an
        // event's most unusual feature lies from the mean.
        var normalizer = FeatureNormalizer.Fit(rows, fixZero: false);
        var normalized = rows.Select(row =>
        {
            var result = new double[row.Length];
            normalizer.Normalize(row, result);
            return result;
        }).ToArray();
        var pca = new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = options.Rank, Oversampling = options.Oversampling, Center = options.Center, Seed = options.Seed }).Train(normalized);
        var scores = normalized.Select(row => pca.Score(row)).Order().ToArray();
        // A threshold of 0 would call every event with any residual unusual; the smallest positive score is the floor.
        var threshold = Math.Max(Quantile(scores, options.ThresholdQuantile), 1e-6);

        return new ModelDocument
        {
            Format = ModelDocument.CurrentFormat,
            Name = options.Name,
            TrainedAt = trainedAt,
            Features = EventFeatures.Names,
            Normalizer = new NormalizerDocument(normalizer.Offsets.ToArray(), normalizer.Scales.ToArray()),
            Pca = new PcaDocument(
                options.Rank,
                options.Oversampling,
                options.Center,
                options.Seed,
                pca.Mean.ToArray(),
                [.. pca.Components.Select(component => (IReadOnlyList<double>)[.. component])]),
            Threshold = threshold,
            Training = new TrainingSummary(
                inputs,
                events.Count,
                events.Select(e => e.IdentityId).Distinct(StringComparer.Ordinal).LongCount(),
                events[0].Timestamp,
                events[^1].Timestamp,
                events.GroupBy(e => e.Source).ToDictionary(g => g.Key.ToString(), g => g.LongCount()),
                contents.Rejected,
                options.ThresholdQuantile),
            Metrics = new ModelMetrics(
                ExplainedVariance(normalized, pca),
                Quantile(scores, 0.5),
                Quantile(scores, 0.9),
                Quantile(scores, 0.99),
                scores[^1],
                scores.Count(s => s > threshold) / (double)scores.Length),
        };
    }

    private static double[][] FeatureRows(IReadOnlyList<IdentityEvent> events)
    {
        var profiles = new Dictionary<string, ActivityProfile>(StringComparer.Ordinal);
        var rows = new double[events.Count][];
        for (var i = 0; i < events.Count; i++)
        {
            var identityEvent = events[i];
            profiles.TryGetValue(identityEvent.IdentityId, out var profile);
            rows[i] = new double[EventFeatures.Dimension];
            EventFeatures.Extract(identityEvent, profile, rows[i]);
            profile.Observe(identityEvent);
            profiles[identityEvent.IdentityId] = profile;
        }

        return rows;
    }

    /// <summary>The share of the centred data's squared length that the components keep.</summary>
    private static double ExplainedVariance(double[][] rows, PcaModel pca)
    {
        var (total, residual) = (0.0, 0.0);
        foreach (var row in rows)
        {
            var squared = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                var centred = row[j] - pca.Mean[j];
                squared += centred * centred;
            }

            var score = pca.Score(row);
            total += squared;
            residual += score * score * squared; // the score is sqrt(residual / squared)
        }

        return total == 0 ? 1 : 1 - (residual / total);
    }

    private static double Quantile(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
