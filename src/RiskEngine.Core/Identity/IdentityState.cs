using RiskEngine.Core.Events;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Identity;

/// <summary>
/// What the engine remembers of one identity between events. It lives with the identity's partition
/// and is changed only by <see cref="Trust.TrustScorer"/> and <see cref="Policy.RevocationPolicy"/>, in event order.
/// </summary>
public sealed class IdentityState
{
    private const int RecentFindingsKept = 8;
    private List<TimedFinding>? _recentFindings;

    private readonly SignInHistoryLayout _signInLayout;

    public IdentityState(string identityId, SignInHistoryLayout signInLayout)
    {
        IdentityId = identityId;
        _signInLayout = signInLayout;
    }

    public string IdentityId { get; }

    public string? UserPrincipalName { get; private set; }

    public double TrustScore { get; private set; } = Trust.TrustScorer.FullTrust;

    /// <summary>The event time the score was last computed at; recovery is measured from it.</summary>
    public DateTimeOffset? TrustScoreTime { get; private set; }

    /// <summary>What the identity's authentications taught; null until its first (a workload may never sign in).</summary>
    public SignInHistory? SignIns { get; private set; }

    /// <summary>True from a revocation until trust recovers past the re-arm threshold, so one episode revokes once.</summary>
    public bool InRevokedEpisode { get; set; }

    /// <summary>The latest signals that lowered trust, newest last: the evidence a revocation cites.</summary>
    public IReadOnlyList<TimedFinding> RecentFindings => (IReadOnlyList<TimedFinding>?)_recentFindings ?? [];

    public void SetTrustScore(double score, DateTimeOffset at)
    {
        TrustScore = score;
        TrustScoreTime = TrustScoreTime is { } previous && previous > at ? previous : at;
    }

    public void RememberFinding(SignalFinding finding, DateTimeOffset at)
    {
        _recentFindings ??= new List<TimedFinding>(RecentFindingsKept);
        if (_recentFindings.Count == RecentFindingsKept)
        {
            _recentFindings.RemoveAt(0);
        }

        _recentFindings.Add(new TimedFinding(finding, at));
    }

    /// <summary>Learns from a sign-in after it has been scored, so signals judge each event against the past only.</summary>
    public void Observe(IdentityEvent signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (signIn.UserPrincipalName is { Length: > 0 } upn)
        {
            UserPrincipalName = upn;
        }

        SignIns ??= new SignInHistory(_signInLayout);
        SignIns.Observe(signIn);
    }
}
