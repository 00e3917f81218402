namespace RiskEngine.Ssf.Tests.Support;

public sealed record ReceivedPush(string Token, string? ContentType, string Authorization, int Status);
