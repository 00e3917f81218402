namespace RiskEngine.Simulation;

/// <summary>Who a simulated user is: a name, a sign-in name, and where the user lives.</summary>
internal sealed record Person(string FirstName, string DisplayName, string PrincipalName, City Home);
