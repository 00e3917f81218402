using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Trust;

/// <summary>
/// The trust algorithm. Every identity starts fully trusted; each signal that fires takes its penalty times the
/// signal's weight. An event on which no signal fires first wins back part of what the identity lost below its
/// normal, exponentially with the event time since its previous event (<see cref="TrustOptions.RecoveryHalfLife"/>);
/// an event on which one fires wins nothing back. The normal is full trust, lowered by a share of every penalty
/// and recovering over days (<see cref="TrustOptions.Baseline"/>). Signals see the identity as it was before the
/// event; the state and the signals learn from the event afterwards. An event older than the score gets no
/// recovery and does not move the score's time back.
/// </summary>
public sealed class TrustScorer
{
    public const double FullTrust = 100;

    private readonly TrustOptions _options;
    private readonly ISignal[] _signals;
    private readonly double[] _weights;
    private readonly ScoringContext _context;

    public TrustScorer(TrustOptions options, IEnumerable<ISignal> signals, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _signals = signals.ToArray();
        _weights = Array.ConvertAll(_signals, signal => WeightOf(options, signal.Name));
        _context = context;
    }

    /// <summary>The scorer with the signals the options configure.</summary>
    public static TrustScorer Create(TrustOptions options, ScoringContext context) => new(options, SignalCatalog.Create(options), context);

    /// <summary>The signals this scorer runs; a scorer for reloaded options can reuse them, and the state they are sized for.</summary>
    public IReadOnlyList<ISignal> Signals => _signals;

    public TrustAssessment Assess(IdentityEvent identityEvent, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);

        var keys = SignInKeys.Of(identityEvent);
        WeightedFinding[] findings = [];
        var penalty = 0.0;
        for (var i = 0; i < _signals.Length; i++)
        {
            if (_signals[i].Evaluate(identityEvent, keys, state, _context) is { } finding)
            {
                var weighted = new WeightedFinding(finding.Signal, finding.Penalty, _weights[i], finding.Evidence);
                findings = [.. findings, weighted];
                penalty += weighted.Points;
                state.RememberFinding(finding with { Penalty = weighted.Points }, identityEvent.Timestamp);
            }
        }

        foreach (var signal in _signals)
        {
            signal.Observe(identityEvent, keys, state, _context);
        }

        var previous = state.TrustScore;
        var (normal, recovered) = findings.Length == 0 ? Recover(state, identityEvent.Timestamp) : (state.Normal, previous);
        var score = Math.Clamp(recovered - penalty, 0, FullTrust);
        normal = Math.Max(_options.Baseline.Floor, normal - (_options.Baseline.PenaltyShare * penalty));

        if (identityEvent.Kind.IsAuthentication())
        {
            state.Observe(identityEvent, keys);
        }

        state.SetTrustScore(score, identityEvent.Timestamp);
        state.SetNormal(normal);
        return new TrustAssessment
        {
            PreviousScore = previous,
            Recovery = recovered - previous,
            Normal = normal,
            Penalty = penalty,
            Score = score,
            PreviousLevel = _options.Levels.Of(previous),
            Level = _options.Levels.Of(score),
            Findings = findings,
        };
    }

    /// <summary>The normal and the score after the event time since the last score, both moving up toward where they recover to.</summary>
    private (double Normal, double Score) Recover(IdentityState state, DateTimeOffset now)
    {
        var elapsed = state.TrustScoreTime is { } since ? now - since : TimeSpan.Zero;
        var normal = Math.Max(_options.Baseline.Floor, HalfLife.Approach(state.Normal, FullTrust, elapsed, _options.Baseline.HalfLife));
        return (normal, HalfLife.Approach(state.TrustScore, normal, elapsed, _options.RecoveryHalfLife));
    }

    private static double WeightOf(TrustOptions options, string signal)
    {
        foreach (var (name, weight) in options.Weights)
        {
            if (string.Equals(name, signal, StringComparison.OrdinalIgnoreCase))
            {
                return weight;
            }
        }

        return 1;
    }
}
