namespace RiskEngine.Simulation;

/// <summary>An application signed in to and the resource it asks a token for.</summary>
internal sealed record App(string AppId, string DisplayName, string ResourceId, string ResourceDisplayName, string ClientAppUsed);
