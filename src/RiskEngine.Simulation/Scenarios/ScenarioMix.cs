using System.Globalization;

namespace RiskEngine.Simulation.Scenarios;

/// <summary>How many occurrences (instances) of each attack and benign look-alike a run has.</summary>
public sealed class ScenarioMix
{
    private const string AllKeyword = "all";
    private const string NoneKeyword = "none";

    private readonly Dictionary<string, int> _counts;

    private ScenarioMix(Dictionary<string, int> counts) => _counts = counts;

    /// <summary>
    /// Every attack once, the mesh attacks twice (once on each mesh), and each look-alike a few times: enough that
    /// every kind shows, and a look-alike is not a single anecdote.
    /// </summary>
    public static ScenarioMix Default { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ScenarioKinds.ImpossibleTravel] = 1,
        [ScenarioKinds.NewDeviceNewNetwork] = 1,
        [ScenarioKinds.AnonymizingNetwork] = 1,
        [ScenarioKinds.BruteForce] = 1,
        [ScenarioKinds.PasswordSpray] = 1,
        [ScenarioKinds.MfaFatigue] = 1,
        [ScenarioKinds.NonCompliantDevice] = 1,
        [ScenarioKinds.LegacyAuthentication] = 1,
        [ScenarioKinds.SessionReplay] = 1,
        [ScenarioKinds.LateralMovement] = 2,
        [ScenarioKinds.RequestRateSpike] = 2,
        [ScenarioKinds.Scanning] = 2,
        [ScenarioKinds.Exfiltration] = 2,
        [ScenarioKinds.DenyBurst] = 1,
        [ScenarioKinds.HigherClassification] = 1,
        [ScenarioKinds.PostRevocationActivity] = 1,
        [ScenarioKinds.BenignTravel] = 2,
        [ScenarioKinds.BenignNewPhone] = 2,
        [ScenarioKinds.BenignVpn] = 2,
        [ScenarioKinds.BenignNightShift] = 2,
        [ScenarioKinds.BenignDeployment] = 1,
        [ScenarioKinds.BenignTypo] = 3,
    });

    /// <summary>Ordinary traffic only.</summary>
    public static ScenarioMix None { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The kinds with at least one instance, attacks first, each in the order of <see cref="ScenarioKinds"/>.</summary>
    public IEnumerable<(string Kind, int Count)> Kinds =>
        ScenarioKinds.Attacks.Concat(ScenarioKinds.LookAlikes).Where(kind => Count(kind) > 0).Select(kind => (kind, Count(kind)));

    public int Count(string kind) => _counts.GetValueOrDefault(kind);

    /// <summary>
    /// The mix that <paramref name="attacks"/> and <paramref name="lookAlikes"/> describe, each <c>all</c> (the
    /// <see cref="Default"/> counts of its group), <c>none</c>, or a comma-separated list of <c>kind</c> or
    /// <c>kind=count</c> (<c>impossible-travel=3,password-spray</c>; a kind without a count occurs once).
    /// </summary>
    /// <exception cref="FormatException">An unknown kind, a kind of the other group, or a count that is not a whole number from 0 to 1000.</exception>
    public static ScenarioMix Parse(string attacks, string lookAlikes)
    {
        ArgumentNullException.ThrowIfNull(attacks);
        ArgumentNullException.ThrowIfNull(lookAlikes);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        ParseGroup(attacks, ScenarioKinds.Attacks, "attack", counts);
        ParseGroup(lookAlikes, ScenarioKinds.LookAlikes, "look-alike", counts);
        return new ScenarioMix(counts);
    }

    /// <summary>This mix with <paramref name="kind"/> occurring <paramref name="count"/> times.</summary>
    /// <exception cref="ArgumentException">An unknown kind, or a negative count.</exception>
    public ScenarioMix With(string kind, int count)
    {
        if (!ScenarioKinds.Attacks.Contains(kind) && !ScenarioKinds.LookAlikes.Contains(kind))
        {
            throw new ArgumentException($"'{kind}' is no scenario kind.", nameof(kind));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new ScenarioMix(new Dictionary<string, int>(_counts, StringComparer.Ordinal) { [kind] = count });
    }

    public override string ToString() => string.Join(",", Kinds.Select(k => $"{k.Kind}={k.Count.ToString(CultureInfo.InvariantCulture)}"));

    private static void ParseGroup(string text, IReadOnlyList<string> kinds, string group, Dictionary<string, int> counts)
    {
        var spec = text.Trim();
        if (spec.Equals(NoneKeyword, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (spec.Equals(AllKeyword, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var kind in kinds)
            {
                counts[kind] = Default.Count(kind);
            }

            return;
        }

        foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            var kind = parts[0];
            if (!kinds.Contains(kind))
            {
                throw new FormatException($"'{kind}' is not an {group} kind; the {group} kinds are {string.Join(", ", kinds)} (or '{AllKeyword}', '{NoneKeyword}').");
            }

            var count = 1;
            if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > 1000))
            {
                throw new FormatException($"'{item}': the count of {kind} must be a whole number from 0 to 1000.");
            }

            counts[kind] = count;
        }
    }
}
