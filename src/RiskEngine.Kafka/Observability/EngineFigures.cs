using System.Collections.Frozen;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Kafka.Worker;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Observability;

/// <summary>
/// What the engine has done since it started, counted once: the "RiskEngine" meter's instruments
/// (<see cref="Worker.EngineMetrics"/>) observe these figures and /status reports them, so the two cannot disagree.
/// Counting is lock-free and allocates nothing; reading takes a snapshot.
/// </summary>
public sealed class EngineFigures
{
    /// <summary>The actions a decision can take, in the order they are reported.</summary>
    public static readonly IReadOnlyList<TrustAction> Actions = [TrustAction.RiskLevelChange, TrustAction.StepUp, TrustAction.RevokeSession];

    private static readonly EventSource[] Sources = Enum.GetValues<EventSource>();
    private static readonly RejectionCode[] Reasons = Enum.GetValues<RejectionCode>();

    private readonly long[] _decoded = new long[Sources.Length];
    private readonly long[] _deadLetters = new long[Reasons.Length];
    private readonly long[] _securityEvents = new long[Actions.Count];
    private readonly long[] _actions = new long[Actions.Count];
    private readonly Func<IEnumerable<StageWorker>> _stages;
    private long _scored;
    private long _skipped;
    private FrozenDictionary<string, long> _outboxDepth = FrozenDictionary<string, long>.Empty;
    private Func<int>? _opaUnconfirmed;

    /// <param name="stages">The stages this host runs, asked for when figures are read (they are created after the figures).</param>
    public EngineFigures(Func<IEnumerable<StageWorker>>? stages = null) => _stages = stages ?? (() => []);

    /// <summary>How long scoring one event took, from reading it to handing its outputs to the producer.</summary>
    public LatencyHistogram ScoringLatency { get; } = new();

    public long Scored => Interlocked.Read(ref _scored);

    public long Skipped => Interlocked.Read(ref _skipped);

    public void CountDecoded(EventSource source) => Interlocked.Increment(ref _decoded[(int)source]);

    public void CountDeadLetter(RejectionCode code) => Interlocked.Increment(ref _deadLetters[(int)code]);

    public void CountSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Counts a scored event and each action its decision takes (one decision may both step up and change the risk level).</summary>
    public void CountScored(TrustAction actions)
    {
        Interlocked.Increment(ref _scored);
        for (var i = 0; i < _actions.Length; i++)
        {
            if ((actions & Actions[i]) != 0)
            {
                Interlocked.Increment(ref _actions[i]);
            }
        }
    }

    public void CountSecurityEvent(TrustAction action)
    {
        for (var i = 0; i < _securityEvents.Length; i++)
        {
            if (action == Actions[i])
            {
                Interlocked.Increment(ref _securityEvents[i]);
            }
        }
    }

    /// <summary>Replaces the undelivered SETs per SSF stream, as last counted in the outbox.</summary>
    public void SetOutboxDepth(IReadOnlyDictionary<string, long> pendingPerStream) =>
        Volatile.Write(ref _outboxDepth, pendingPerStream.ToFrozenDictionary(StringComparer.Ordinal));

    /// <summary>Where to read, when asked, how many revocations the OPA mirror has not had acknowledged.</summary>
    public void ObserveOpaUnconfirmed(Func<int> unconfirmed) => Volatile.Write(ref _opaUnconfirmed, unconfirmed);

    /// <summary>Revocations OPA's data does not hold yet, or null when the engine keeps no OPA mirror.</summary>
    public int? OpaUnconfirmed => Volatile.Read(ref _opaUnconfirmed)?.Invoke();

    /// <summary>Events decoded per source, every source listed.</summary>
    public IReadOnlyList<(EventSource Source, long Count)> Decoded() =>
        [.. Sources.Select(source => (source, Interlocked.Read(ref _decoded[(int)source])))];

    /// <summary>Dead letters per reason, only the reasons that occurred.</summary>
    public IReadOnlyList<(RejectionCode Reason, long Count)> DeadLetters() =>
        [.. Reasons.Select(reason => (reason, Interlocked.Read(ref _deadLetters[(int)reason]))).Where(pair => pair.Item2 > 0)];

    /// <summary>SETs handed to Kafka per action (each action has one CAEP event type).</summary>
    public IReadOnlyList<(TrustAction Action, long Count)> SecurityEvents() =>
        [.. Actions.Select((action, i) => (action, Interlocked.Read(ref _securityEvents[i])))];

    /// <summary>Decisions per action they took, whether or not a SET went out for them.</summary>
    public IReadOnlyList<(TrustAction Action, long Count)> ActionsTaken() =>
        [.. Actions.Select((action, i) => (action, Interlocked.Read(ref _actions[i])))];

    public IReadOnlyDictionary<string, long> OutboxDepth => Volatile.Read(ref _outboxDepth);

    /// <summary>Each stage's lag per assigned partition, as last measured (every few seconds, not per event).</summary>
    public IReadOnlyList<PartitionLag> ConsumerLag() => [.. _stages().SelectMany(stage => stage.Lag)];

    /// <summary>Each stage's count of input offset resets, each a loss of what retention removed before the stage read it.</summary>
    public IReadOnlyList<(string Stage, long Resets)> InputOffsetResets() => [.. _stages().Select(stage => (stage.Stage, stage.InputOffsetResets))];

    public IReadOnlyList<StageHealth> StageHealth() => [.. _stages().Select(stage => stage.Health)];
}
