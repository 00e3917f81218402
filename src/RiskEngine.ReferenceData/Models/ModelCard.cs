using System.Globalization;
using System.Text;

namespace RiskEngine.ReferenceData.Models;

/// <summary>The model card written beside a model: what it is, what it was trained on, how well it fits, and its limits.</summary>
public static class ModelCard
{
    public static string Render(ModelDocument model, string reproduceCommand)
    {
        ArgumentNullException.ThrowIfNull(model);
        var training = model.Training;
        var metrics = model.Metrics;
        var card = new StringBuilder();
        card.AppendLine(CultureInfo.InvariantCulture, $"# Model card: {model.Name}");
        card.AppendLine();
        card.AppendLine("## Model");
        card.AppendLine(CultureInfo.InvariantCulture, $"Randomized PCA (ML.NET's algorithm, `src/Microsoft.ML.PCA/PcaTrainer.cs`) of rank {model.Pca.Rank}, oversampling {model.Pca.Oversampling}, centred: {model.Pca.Center}, seed {model.Pca.Seed}, over {model.Features.Count} per-event features normalised to z-scores (mean and standard deviation of the training data): {string.Join(", ", model.Features.Select(f => $"`{f}`"))}.");
        card.AppendLine(CultureInfo.InvariantCulture, $"Format `{model.Format}`, trained {model.TrainedAt:yyyy-MM-dd HH:mm:ss}Z.");
        card.AppendLine();
        card.AppendLine("## Intended use");
        card.AppendLine("The `unusual-activity` signal: an event whose features lie outside the span of normal activity (score above the threshold) lowers its identity's trust. It finds unusual combinations no single rule names; it is one signal among many, not a verdict.");
        card.AppendLine();
        card.AppendLine("## Training data");
        card.AppendLine(CultureInfo.InvariantCulture, $"{training.Events:N0} events of {training.Identities:N0} identities, {training.FirstEvent:yyyy-MM-dd HH:mm}Z to {training.LastEvent:yyyy-MM-dd HH:mm}Z; by source: {string.Join(", ", training.EventsBySource.Select(s => $"{s.Key} {s.Value:N0}"))}; {training.RejectedRecords:N0} records refused by the decoders.");
        card.AppendLine(CultureInfo.InvariantCulture, $"Inputs: {string.Join(", ", training.Inputs.Select(i => $"`{i}`"))}.");
        card.AppendLine();
        card.AppendLine("## Metrics (on the training data)");
        card.AppendLine("| explained variance | score median | p90 | p99 | max | threshold | share above threshold |");
        card.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        card.AppendLine(CultureInfo.InvariantCulture, $"| {metrics.ExplainedVariance:0.000} | {metrics.ScoreMedian:0.000} | {metrics.ScoreP90:0.000} | {metrics.ScoreP99:0.000} | {metrics.ScoreMax:0.000} | {model.Threshold:0.000} (quantile {training.ThresholdQuantile}) | {metrics.FlaggedShare:P2} |");
        card.AppendLine();
        card.AppendLine("## Limitations");
        card.AppendLine("Trained on what it was given: if that was simulated traffic, it knows the simulator's rhythms, not your tenant's; retrain on your own benign history. Activity that was already malicious in the training data is normal to it. Scores depend on event time of day in UTC.");
        card.AppendLine();
        card.AppendLine("## Reproduce");
        card.AppendLine("```");
        card.AppendLine(reproduceCommand);
        card.AppendLine("```");
        return card.ToString();
    }
}
