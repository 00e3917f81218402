using System.Globalization;
using System.Text;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Policy;

/// <summary>
/// Revokes when trust falls below the threshold, once per episode: further events while the identity is
/// still distrusted do not mint new revocations until trust has climbed back to the re-arm threshold.
/// </summary>
public sealed class RevocationPolicy
{
    private readonly TrustOptions _options;

    public RevocationPolicy(TrustOptions options) => _options = options;

    public TrustDecision Decide(TrustAssessment assessment, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.InRevokedEpisode)
        {
            if (assessment.Score >= _options.RearmThreshold)
            {
                state.InRevokedEpisode = false;
            }

            return TrustDecision.None;
        }

        if (assessment.Score >= _options.RevokeThreshold)
        {
            return TrustDecision.None;
        }

        state.InRevokedEpisode = true;
        return new TrustDecision(TrustAction.RevokeSession, Explain(assessment, state));
    }

    // Names every signal still weighing on the score, not just this event's, because a revocation is
    // usually the sum of several: a burst of failures, then a sign-in from across the world.
    private string Explain(TrustAssessment assessment, IdentityState state)
    {
        var reason = new StringBuilder();
        reason.Append(CultureInfo.InvariantCulture, $"Trust score {assessment.Score:0} fell below the revoke threshold {_options.RevokeThreshold:0}");
        var horizon = TimeSpan.FromHours(TrustScorer.FullTrust / Math.Max(_options.RecoveryPerHour, 0.01));
        var separator = ": ";
        foreach (var recent in state.RecentFindings)
        {
            if (state.TrustScoreTime - recent.At > horizon)
            {
                continue;
            }

            reason.Append(separator).Append(recent.Finding.Evidence)
                .Append(CultureInfo.InvariantCulture, $" (-{recent.Finding.Penalty:0} at {recent.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)");
            separator = "; ";
        }

        return reason.ToString();
    }
}
