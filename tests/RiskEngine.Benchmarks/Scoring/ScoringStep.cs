using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.ReferenceData.Models;
using RiskEngine.ReferenceData.Training;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// The full scoring step on one thread, as the load harness and the BenchmarkDotNet suite time it: the identity's
/// state looked up (added at its first event), the blast-radius guard counting the identity active, every signal with
/// the activity and rare-attributes models, and the policy decision. Each instance starts with no identities.
/// </summary>
internal sealed class ScoringStep
{
    private readonly TrustScorer _scorer;
    private readonly TrustPolicy _policy;
    private readonly BlastRadiusGuard _guard;

    public ScoringStep(ActivityModel? activityModel)
    {
        var options = new TrustOptions();
        var context = new ScoringContext(options) { ActivityModel = activityModel };
        _scorer = TrustScorer.Create(options, context);
        _guard = new BlastRadiusGuard(options.BlastRadius);
        _policy = new TrustPolicy(options, _guard);
        States = new IdentityStateStore(options);
    }

    public IdentityStateStore States { get; }

    /// <summary>Scores and decides one event; true when a signal fired.</summary>
    public bool Score(IdentityEvent identityEvent)
    {
        var state = States.GetOrAdd(identityEvent.IdentityId);
        _guard.Observe(identityEvent);
        var assessment = _scorer.Assess(identityEvent, state);
        _policy.Decide(assessment, identityEvent, state);
        return assessment.Findings.Count > 0;
    }

    /// <summary>The activity model trained on <paramref name="events"/>, through a model file as production loads it.</summary>
    public static ActivityModel TrainActivityModel(IReadOnlyList<IdentityEvent> events)
    {
        var directory = Directory.CreateTempSubdirectory("riskengine-bench-").FullName;
        try
        {
            var model = ModelTrainer.Train(new EventFileContents(events, 0, 0), ["simulated"], new TrainingOptions { Name = "bench" }, DateTimeOffset.UnixEpoch);
            return ModelFile.Load(ModelFile.Save(model, directory, "benchmark"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
