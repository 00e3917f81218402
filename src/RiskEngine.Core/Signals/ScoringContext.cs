using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Anomaly.Novelty;

namespace RiskEngine.Core.Signals;

/// <summary>
/// What signals know beyond one identity: lists of networks, activity of a source address across identities,
/// the population's frequencies. One per scoring stage, so it holds what that stage's partitions have seen;
/// like identity state it is changed only from the stage's one thread.
/// </summary>
public sealed class ScoringContext
{
    private ActivityModel? _activityModel;

    /// <summary>The activity model in force, swapped whole (from another thread) when a newly trained one is loaded.</summary>
    public ActivityModel? ActivityModel
    {
        get => Volatile.Read(ref _activityModel);
        set => Volatile.Write(ref _activityModel, value);
    }

    /// <summary>How often each address, network, country, user agent and device kind has signed in, across identities.</summary>
    public PopulationFrequencies? Population { get; set; }
}
