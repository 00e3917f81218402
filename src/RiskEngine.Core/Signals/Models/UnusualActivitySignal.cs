using System.Globalization;
using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Models;

/// <summary>
/// An event the global activity model (randomized PCA over <see cref="EventFeatures"/>) finds outside the span of
/// normal activity: an unusual combination (a workload suddenly failing at a night-time burst rate, say) that no
/// single rule names. Silent until a model is loaded into the <see cref="ScoringContext"/>.
/// </summary>
public sealed class UnusualActivitySignal : ISignal
{
    public const string SignalName = "unusual-activity";

    private readonly UnusualActivityOptions _options;

    public UnusualActivitySignal(UnusualActivityOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActivityModel is not { } model)
        {
            return null;
        }

        var score = model.Score(identityEvent, state.Activity, out var feature, out var deviations);
        if (score <= model.Threshold)
        {
            return null;
        }

        var severity = Math.Clamp((score - model.Threshold) / (1 - model.Threshold), 0, 1);
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"unusual activity: model {model.Name} scores {score:0.00} (threshold {model.Threshold:0.00}); furthest from normal: {EventFeatures.Names[feature]} {Math.Abs(deviations):0.0} sd {(deviations > 0 ? "above" : "below")} the mean");
        return new SignalFinding(SignalName, _options.Penalty * (0.5 + (0.5 * severity)), evidence);
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Activity.Observe(identityEvent);
    }
}
