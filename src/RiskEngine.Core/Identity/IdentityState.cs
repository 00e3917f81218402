using RiskEngine.Core.Events;
using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Signals.Mesh;

namespace RiskEngine.Core.Identity;

/// <summary>
/// What the engine remembers of one identity between events. It lives with the identity's partition
/// and is changed only by <see cref="Trust.TrustScorer"/> and <see cref="Policy.TrustPolicy"/>, in event order.
/// </summary>
public sealed class IdentityState
{
    private const int RecentFindingsKept = 8;

    // A UTC offset is within ±14 h; biased so it writes as a count.
    private const int OffsetMinutesBias = 24 * 60;
    private readonly int _knownDestinationCapacity;
    private readonly int _denyWindowCapacity;
    private List<TimedFinding>? _recentFindings;
    private bool _inRevokedEpisode;
    private Policy.ResourceSensitivity _revocationSensitivity;
    private long _revokedAtTicks;
    private long _trustScoreTicks;
    private ActivityProfile _activity;

    private readonly SignInHistoryLayout _signInLayout;

    public IdentityState(
        string identityId,
        SignInHistoryLayout signInLayout,
        int knownDestinationCapacity = NewDestinationOptions.DefaultKnownDestinationsPerWorkload,
        int denyWindowCapacity = DenyBurstOptions.DefaultMaxDenies + 1)
    {
        IdentityId = identityId;
        _signInLayout = signInLayout;
        _knownDestinationCapacity = knownDestinationCapacity;
        _denyWindowCapacity = denyWindowCapacity;
    }

    public string IdentityId { get; }

    /// <summary>Whether <see cref="IdentityStateStore.Changed"/> lists it: kept here so that marking costs no lookup.</summary>
    internal bool ChangedSinceSaved { get; set; }

    public string? UserPrincipalName { get; private set; }

    public double TrustScore { get; private set; } = Trust.TrustScorer.FullTrust;

    /// <summary>The event time the score was last computed at; recovery is measured from it.</summary>
    public DateTimeOffset? TrustScoreTime => _trustScoreTicks == 0 ? null : new DateTimeOffset(_trustScoreTicks, TimeSpan.Zero);

    /// <summary>The score this identity's trust recovers toward: full trust, lowered for a while by each penalty.</summary>
    public double Normal { get; private set; } = Trust.TrustScorer.FullTrust;

    /// <summary>What the identity's authentications taught; null until its first (a workload may never sign in).</summary>
    public SignInHistory? SignIns { get; private set; }

    /// <summary>The sign-in history, made for a signal that learns from the identity's first authentication before the state does.</summary>
    public SignInHistory GetOrAddSignIns() => SignIns ??= new SignInHistory(_signInLayout);

    /// <summary>The rhythm of all the identity's events, for the activity model; changed in place.</summary>
    public ref ActivityProfile Activity => ref _activity;


    /// <summary>The risk level last published for this identity; <see cref="Trust.RiskLevel.None"/> when nothing is outstanding.</summary>
    public Trust.RiskLevel PublishedRiskLevel { get; set; }

    /// <summary>
    /// True from a revocation until trust recovers past the re-arm point, so one episode revokes once. The policy
    /// sets it through <see cref="RevocationEpisode"/>, which also says which threshold the episode began at.
    /// </summary>
    public bool InRevokedEpisode
    {
        get => _inRevokedEpisode;
        set
        {
            // The policy decides after the scorer has set the score's time to the revoking event's.
            if (value && !_inRevokedEpisode)
            {
                _revokedAtTicks = _trustScoreTicks;
                ReauthenticatedSinceRevocation = false;
            }

            _inRevokedEpisode = value;
        }
    }

    /// <summary>The event time of the revocation that began the current episode; null outside one.</summary>
    public DateTimeOffset? RevokedAt => _inRevokedEpisode ? new DateTimeOffset(_revokedAtTicks, TimeSpan.Zero) : null;

    /// <summary>Whether the identity has signed in interactively since the revocation: what a revocation asks of a user.</summary>
    public bool ReauthenticatedSinceRevocation { get; private set; }

    /// <summary>The identity's requests to other workloads; null until it makes one.</summary>
    public WorkloadHistory? Workload { get; private set; }

    /// <summary>The policy decisions about the identity; null until a policy engine judges it.</summary>
    public DecisionHistory? Decisions { get; private set; }

    /// <summary>
    /// The sensitivity whose threshold a step-up was taken at, until trust recovers past it by the re-arm margin;
    /// null when step-up is armed. One episode steps up once.
    /// </summary>
    public Policy.ResourceSensitivity? StepUpEpisode { get; set; }

    /// <summary>
    /// Like <see cref="RevocationEpisode"/>, for a revocation the blast-radius guard held: the step-up asked instead is
    /// asked once, not on every event the guard goes on holding.
    /// </summary>
    public Policy.ResourceSensitivity? HeldRevocationEpisode { get; set; }

    /// <summary>Like <see cref="StepUpEpisode"/>, for revocations: one episode revokes once.</summary>
    public Policy.ResourceSensitivity? RevocationEpisode
    {
        get => _inRevokedEpisode ? _revocationSensitivity : null;
        set
        {
            InRevokedEpisode = value is not null;
            _revocationSensitivity = value.GetValueOrDefault();
        }
    }

    /// <summary>The latest signals that lowered trust, newest last, with the points each took: the evidence a decision cites.</summary>
    public IReadOnlyList<TimedFinding> RecentFindings => (IReadOnlyList<TimedFinding>?)_recentFindings ?? [];

    /// <summary>The workload history, allocated at the identity's first request, which starts its learning period.</summary>
    public WorkloadHistory GetOrAddWorkload(DateTimeOffset firstRequestAt) =>
        Workload ??= new WorkloadHistory(_knownDestinationCapacity, firstRequestAt);

    public DecisionHistory GetOrAddDecisions(DateTimeOffset firstDecisionAt) =>
        Decisions ??= new DecisionHistory(_denyWindowCapacity, firstDecisionAt);

    /// <summary>Records an interactive sign-in during a revoked episode: the user did what the revocation asked.</summary>
    public void ObserveReauthentication(DateTimeOffset at)
    {
        if (_inRevokedEpisode && at.UtcTicks >= _revokedAtTicks)
        {
            ReauthenticatedSinceRevocation = true;
        }
    }

    public void SetTrustScore(double score, DateTimeOffset at)
    {
        TrustScore = score;
        // Ticks, not a nullable DateTimeOffset: 8 bytes instead of 24 in every identity.
        _trustScoreTicks = Math.Max(_trustScoreTicks, at.UtcTicks);
    }

    public void SetNormal(double normal) => Normal = normal;

    public void RememberFinding(SignalFinding finding, DateTimeOffset at)
    {
        // Grown as findings come (2, 4, 8): most identities that ever lose trust do so once or twice.
        _recentFindings ??= new List<TimedFinding>(2);
        if (_recentFindings.Count == RecentFindingsKept)
        {
            _recentFindings.RemoveAt(0);
        }

        _recentFindings.Add(new TimedFinding(finding, at));
    }

    /// <summary>Learns from a sign-in after it has been scored, so signals judge each event against the past only.</summary>
    public void Observe(IdentityEvent signIn, in SignInKeys keys)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (signIn.UserPrincipalName is { Length: > 0 } upn)
        {
            UserPrincipalName = upn;
        }

        GetOrAddSignIns().Observe(signIn, keys);
    }

    /// <summary>Writes everything the identity remembers, for a checkpoint; read back by <see cref="ReadFrom"/>.</summary>
    internal void WriteTo(StateWriter writer)
    {
        writer.WriteString(IdentityId);
        writer.WriteString(UserPrincipalName);
        writer.WriteDouble(TrustScore);
        writer.WriteInt64(_trustScoreTicks);
        writer.WriteDouble(Normal);
        writer.WriteByte((byte)PublishedRiskLevel);
        writer.WriteBool(_inRevokedEpisode);
        writer.WriteByte((byte)_revocationSensitivity);
        writer.WriteInt64(_revokedAtTicks);
        writer.WriteBool(ReauthenticatedSinceRevocation);
        WriteEpisode(writer, StepUpEpisode);
        WriteEpisode(writer, HeldRevocationEpisode);
        writer.WriteRaw(in _activity);
        writer.WriteCount(RecentFindings.Count);
        foreach (var (finding, at) in RecentFindings)
        {
            writer.WriteString(finding.Signal);
            writer.WriteDouble(finding.Penalty);
            writer.WriteString(finding.Evidence);
            writer.WriteInt64(at.UtcTicks);
            writer.WriteCount((int)at.Offset.TotalMinutes + OffsetMinutesBias);
        }

        writer.WriteBool(SignIns is not null);
        SignIns?.WriteTo(writer);
        writer.WriteBool(Workload is not null);
        Workload?.WriteTo(writer);
        writer.WriteBool(Decisions is not null);
        Decisions?.WriteTo(writer);
    }

    /// <summary>An identity as <see cref="WriteTo"/> wrote it, with the store's layout and capacities for what it adds later.</summary>
    internal static IdentityState ReadFrom(ref StateReader reader, SignInHistoryLayout signInLayout, int knownDestinationCapacity, int denyWindowCapacity)
    {
        var identityId = reader.ReadString() ?? throw reader.Malformed("an identity without an id");
        var state = new IdentityState(identityId, signInLayout, knownDestinationCapacity, denyWindowCapacity)
        {
            UserPrincipalName = reader.ReadString(),
            TrustScore = reader.ReadDouble(),
            _trustScoreTicks = reader.ReadInt64(),
            Normal = reader.ReadDouble(),
            PublishedRiskLevel = (Trust.RiskLevel)reader.ReadByte(),
            _inRevokedEpisode = reader.ReadBool(),
            _revocationSensitivity = (Policy.ResourceSensitivity)reader.ReadByte(),
            _revokedAtTicks = reader.ReadInt64(),
            ReauthenticatedSinceRevocation = reader.ReadBool(),
            StepUpEpisode = ReadEpisode(ref reader),
            HeldRevocationEpisode = ReadEpisode(ref reader),
            _activity = reader.ReadRaw<ActivityProfile>(),
        };
        var findings = reader.ReadCount(RecentFindingsKept);
        if (findings > 0)
        {
            state._recentFindings = new List<TimedFinding>(findings);
            for (var i = 0; i < findings; i++)
            {
                var finding = new SignalFinding(reader.ReadString() ?? string.Empty, reader.ReadDouble(), reader.ReadString() ?? string.Empty);
                var ticks = reader.ReadInt64();
                var offset = TimeSpan.FromMinutes(reader.ReadCount() - OffsetMinutesBias);
                state._recentFindings.Add(new TimedFinding(finding, new DateTimeOffset(ticks + offset.Ticks, offset)));
            }
        }

        state.SignIns = reader.ReadBool() ? SignInHistory.ReadFrom(ref reader, signInLayout) : null;
        state.Workload = reader.ReadBool() ? WorkloadHistory.ReadFrom(ref reader) : null;
        state.Decisions = reader.ReadBool() ? DecisionHistory.ReadFrom(ref reader) : null;
        return state;
    }

    // 0 for none, else the sensitivity plus one.
    private static void WriteEpisode(StateWriter writer, Policy.ResourceSensitivity? episode) =>
        writer.WriteByte(episode is { } sensitivity ? (byte)(sensitivity + 1) : (byte)0);

    private static Policy.ResourceSensitivity? ReadEpisode(ref StateReader reader) =>
        reader.ReadByte() is var value and > 0 ? (Policy.ResourceSensitivity)(value - 1) : null;
}
