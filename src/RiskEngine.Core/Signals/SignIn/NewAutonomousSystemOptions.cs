namespace RiskEngine.Core.Signals.SignIn;

/// <summary>A new network operator is weaker than a new country: a phone on a café's Wi-Fi is one.</summary>
public sealed class NewAutonomousSystemOptions : NoveltyOptions
{
    public NewAutonomousSystemOptions() => (MinSuccessfulSignIns, Penalty) = (10, 10);
}
