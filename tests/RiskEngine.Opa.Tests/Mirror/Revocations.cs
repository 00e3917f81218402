using RiskEngine.Opa.Mirror;

namespace RiskEngine.Opa.Tests.Mirror;

/// <summary>Revocations for tests: in force for an hour unless told otherwise, jti and reason derived from the key.</summary>
public static class Revocations
{
    public static OpaRevocation Subject(string subject, TimeSpan? lifetime = null, string? jti = null) =>
        new(subject, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)), jti ?? $"jti-{subject}", "session-revoked: impossible travel");

    public static OpaRevocation Session(string subject, string session, TimeSpan? lifetime = null) =>
        new(subject, session, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)), $"jti-{session}", "session-revoked: token replay");
}
