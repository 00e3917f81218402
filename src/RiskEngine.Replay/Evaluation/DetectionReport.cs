using System.Globalization;
using System.Text;

namespace RiskEngine.Replay.Evaluation;

/// <summary>
/// Detection quality of one replay against ground truth: recall per attack kind and overall; the share of benign
/// identities (never attacked) that drew an enforcing action; and precision, the share of enforcing actions that
/// landed on an attacked identity during its attack.
/// </summary>
public sealed record DetectionReport(
    IReadOnlyList<AttackKindResult> Attacks,
    int BenignIdentities,
    IReadOnlyList<string> BenignIdentitiesActioned,
    int EnforcingActions,
    int EnforcingActionsOnAttacks)
{
    public double Recall => Attacks.Sum(a => a.Instances) is var total and > 0 ? Attacks.Sum(a => a.Detected) / (double)total : 1;

    public double FalsePositiveRate => BenignIdentities == 0 ? 0 : BenignIdentitiesActioned.Count / (double)BenignIdentities;

    public double Precision => EnforcingActions == 0 ? 1 : EnforcingActionsOnAttacks / (double)EnforcingActions;

    /// <summary>A Markdown table, one row per attack kind, and the totals.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| attack | instances | detected | recall | median time to action |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var attack in Attacks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {attack.Kind} | {attack.Instances} | {attack.Detected} | {attack.Recall:0.00} | {Describe(attack.MedianTimeToAction)} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"recall {Recall:0.000} · precision {Precision:0.000} ({EnforcingActionsOnAttacks} of {EnforcingActions} enforcing actions on attacks) · false-positive rate {FalsePositiveRate:0.0000} ({BenignIdentitiesActioned.Count} of {BenignIdentities} benign identities actioned)");
        return text.ToString();
    }

    private static string Describe(TimeSpan? time) => time switch
    {
        null => "-",
        { TotalSeconds: < 120 } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s"),
        { TotalHours: < 2 } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.0} min"),
        { } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.0} h"),
    };
}
