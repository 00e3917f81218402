using RiskEngine.Audit.Records;
using RiskEngine.Core.Trust;

namespace RiskEngine.Audit.Reporting;

/// <summary>
/// One event that changed an identity's standing enough to act on: every SET it caused (a risk level change with a
/// revocation, say) taken together, with the assessment that explains them.
/// </summary>
/// <param name="Assessment">The scores and findings behind the actions; null when no SET of the event carried them.</param>
public sealed record ScoreChange(
    DateTimeOffset Time,
    string Identity,
    string? SourceEventId,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Jtis,
    int? ThresholdVersion,
    TrustAssessment? Assessment,
    string? Reason)
{
    /// <summary>
    /// The changes the decisions record, in the decisions' order (event time, then <c>jti</c>): decisions of one
    /// identity, event and event time are one change.
    /// </summary>
    public static IReadOnlyList<ScoreChange> Of(IReadOnlyList<AuditedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return
        [
            .. decisions
                .GroupBy(decision => (decision.Identity, Event: decision.SourceEventId ?? decision.Jti, decision.EventTime))
                .Select(change =>
                {
                    var first = change.First();
                    return new ScoreChange(
                        first.EventTime,
                        first.Identity,
                        first.SourceEventId,
                        [.. change.Select(decision => decision.Action).Distinct(StringComparer.Ordinal)],
                        [.. change.Select(decision => decision.Jti)],
                        change.Select(decision => decision.ThresholdVersion).FirstOrDefault(version => version is not null),
                        change.Select(AuditJson.Assessment).FirstOrDefault(assessment => assessment is not null),
                        change.Select(decision => decision.Reason).FirstOrDefault(reason => reason is not null));
                }),
        ];
    }
}
