namespace RiskEngine.Core.Signals.SignIn;

/// <summary>A country is a strong sign when it is new to a settled identity: most people sign in from one or two.</summary>
public sealed class NewCountryOptions : NoveltyOptions
{
    public NewCountryOptions() => (MinSuccessfulSignIns, Penalty) = (10, 20);
}
