namespace RiskEngine.Opa.Tests.Peers;

/// <summary>One Data API request the stand-in saw; <see cref="Operations"/> counts a PATCH's operations.</summary>
public sealed record StandInRequest(string Method, string Path, string? ContentType, int? Operations);
