using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>Signing keys and the engine's real <see cref="SecurityEventTokenIssuer"/> over them.</summary>
internal static class EngineKeys
{
    public const string Issuer = "https://riskengine.test";
    public const string Audience = "https://pep.test";

    public static SigningKey NewKey() => new(RSA.Create(2048));

    public static SecurityEventTokenIssuer IssuerFor(SigningKey key, string issuer = Issuer, string audience = Audience, TimeProvider? time = null) =>
        new(Options.Create(new CaepOptions { Issuer = issuer, Audiences = [audience] }), new StaticKeyProvider(key), time ?? TimeProvider.System);

    public static IssuedSecurityEventToken SessionRevoked(
        SecurityEventTokenIssuer issuer, string user, string? session, DateTimeOffset eventTime, string? email = null) =>
        issuer.Issue(new SessionRevoked(), new SecurityEventCause
        {
            IdentityId = user,
            Email = email,
            SessionId = session,
            TriggeringEventId = Guid.NewGuid().ToString("N"),
            EventTime = eventTime,
            ReasonAdmin = "test revocation",
        });
}
