using RiskEngine.Simulation.Labels;

namespace RiskEngine.Replay.Evaluation;

/// <summary>Joins what the engine did to the simulator's labels: the numbers of <see cref="DetectionReport"/>.</summary>
public static class DetectionEvaluator
{
    /// <summary>How long after an attack's last malicious event an action still counts as answering it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    public static DetectionReport Evaluate(IReadOnlyList<EventLabel> labels, IReadOnlyList<EngineAction> actions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(actions);
        var enforcing = actions.Where(a => a.IsEnforcing).ToList();
        var byIdentity = enforcing.ToLookup(a => a.IdentityId, StringComparer.Ordinal);

        // An attack instance: its malicious events, the identities they targeted, and when it ran.
        var instances = labels
            .Where(l => l.Malicious && l.ScenarioId is not null)
            .GroupBy(l => l.ScenarioId!, StringComparer.Ordinal)
            .Select(g => (
                Kind: g.First().Kind,
                Targets: g.Select(l => l.IdentityId).ToHashSet(StringComparer.Ordinal),
                Start: g.Min(l => l.AttackStartedAt ?? l.Time),
                End: g.Max(l => l.Time)))
            .ToList();

        bool Answers(EngineAction action, (string Kind, HashSet<string> Targets, DateTimeOffset Start, DateTimeOffset End) attack) =>
            attack.Targets.Contains(action.IdentityId) && action.Time >= attack.Start && action.Time <= attack.End + Grace;

        var results = instances
            .GroupBy(i => i.Kind, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(kind =>
            {
                var delays = kind
                    .Select(attack => attack.Targets.SelectMany(t => byIdentity[t]).Where(a => Answers(a, attack)).Select(a => a.Time - attack.Start).DefaultIfEmpty(TimeSpan.MinValue).Min())
                    .Where(delay => delay != TimeSpan.MinValue)
                    .Order()
                    .ToList();
                return new AttackKindResult(kind.Key, kind.Count(), delays.Count, delays.Count == 0 ? null : delays[(delays.Count - 1) / 2]);
            })
            .ToList();

        var attacked = labels.Where(l => l.Malicious).Select(l => l.IdentityId).ToHashSet(StringComparer.Ordinal);
        var identities = labels.Select(l => l.IdentityId).ToHashSet(StringComparer.Ordinal);
        var benign = identities.Where(i => !attacked.Contains(i)).ToList();
        var benignActioned = benign.Where(i => byIdentity[i].Any()).Order(StringComparer.Ordinal).ToList();
        var onAttacks = enforcing.Count(action => instances.Any(attack => Answers(action, attack)));
        return new DetectionReport(results, benign.Count, benignActioned, enforcing.Count, onAttacks);
    }
}
