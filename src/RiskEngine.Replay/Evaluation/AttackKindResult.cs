namespace RiskEngine.Replay.Evaluation;

/// <summary>
/// How the engine did on one kind of attack: of its instances, how many drew an enforcing action on a targeted
/// identity while the attack went on (or within the grace after), and the median event time from the attack's first
/// malicious event to that action.
/// </summary>
public sealed record AttackKindResult(string Kind, int Instances, int Detected, TimeSpan? MedianTimeToAction)
{
    public double Recall => Instances == 0 ? 1 : Detected / (double)Instances;
}
