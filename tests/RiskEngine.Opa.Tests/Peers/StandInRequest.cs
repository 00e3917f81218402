namespace RiskEngine.Opa.Tests.Peers;

/// <summary>One Data API request the stand-in saw; <see cref="Operations"/> counts a PATCH's operations; <see cref="Authorized"/> tells whether its bearer token was accepted.</summary>
public sealed record StandInRequest(string Method, string Path, string? ContentType, int? Operations, bool Authorized);
