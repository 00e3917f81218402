namespace RiskEngine.Core.Signals.SignIn;

public sealed class NewDeviceOptions : NoveltyOptions
{
    public NewDeviceOptions() => (MinSuccessfulSignIns, KnownValuesPerIdentity, Penalty) = (3, 8, 20);
}
