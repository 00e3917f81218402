using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Signals;

/// <summary>
/// What signals know beyond one identity: lists of networks, activity of a source address across identities,
/// the population's frequencies. One per scoring stage, so it holds what that stage's partitions have seen;
/// like identity state it is changed only from the stage's one thread, except for lists an adapter replaces
/// whole (a reference swapped atomically, which a signal reads once per event).
/// </summary>
public sealed class ScoringContext
{
    private ActivityModel? _activityModel;
    private NetworkList _anonymizingNetworks = NetworkList.Empty;

    public ScoringContext()
        : this(new TrustOptions())
    {
    }

    public ScoringContext(TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var spray = options.PasswordSpray;
        SourceAddresses = new SourceAddressActivity(spray.TrackedAddresses, Math.Min(spray.MinDistinctAccounts * 2, 64));
    }

    /// <summary>Tor exits and anonymous proxies (Trust:AnonymizingNetworks); empty until an adapter loads the list.</summary>
    public NetworkList AnonymizingNetworks
    {
        get => Volatile.Read(ref _anonymizingNetworks);
        set => Volatile.Write(ref _anonymizingNetworks, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Each source address's recent failures and successes across identities, for password spraying.</summary>
    public SourceAddressActivity SourceAddresses { get; }

    /// <summary>The activity model in force, swapped whole (from another thread) when a newly trained one is loaded.</summary>
    public ActivityModel? ActivityModel
    {
        get => Volatile.Read(ref _activityModel);
        set => Volatile.Write(ref _activityModel, value);
    }

    /// <summary>How often each address, network, country, user agent and device kind has signed in, across identities.</summary>
    public PopulationFrequencies? Population { get; set; }
}
