namespace RiskEngine.Core.Signals.SignIn;

/// <summary>One source address's window: when it began, its failed and successful attempts, the distinct accounts it failed on, and whether one of them is the account asked about.</summary>
public readonly record struct AddressActivity(DateTimeOffset Since, int Failures, int Successes, int DistinctAccounts, bool AccountAmongThem);
