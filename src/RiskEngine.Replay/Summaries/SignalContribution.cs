namespace RiskEngine.Replay.Summaries;

/// <summary>What one signal did over a replay: how often it fired, the points it took off scores, and how many actions it stood behind.</summary>
public sealed class SignalContribution(string signal)
{
    public string Signal { get; } = signal;

    public long Fired { get; private set; }

    /// <summary>The sum of its findings' points (penalty x weight).</summary>
    public double Points { get; private set; }

    /// <summary>Decisions that took an action with one of this signal's findings on the event that took it.</summary>
    public long Actions { get; private set; }

    internal void Add(double points, bool acted)
    {
        Fired++;
        Points += points;
        if (acted)
        {
            Actions++;
        }
    }
}
