namespace RiskEngine.Core.Trust;

/// <summary>
/// A signal's finding as it counted in a score: the penalty the signal asked for, the weight the configuration
/// gives that signal (<c>Trust:Weights</c>), and the evidence; it took <see cref="Points"/> off the score.
/// </summary>
public readonly record struct WeightedFinding(string Signal, double Penalty, double Weight, string Evidence)
{
    public double Points => Penalty * Weight;
}
