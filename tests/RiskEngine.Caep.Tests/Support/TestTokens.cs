using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;

namespace RiskEngine.Caep.Tests.Support;

/// <summary>The issuer settings, clock and cause the token tests share, and a way to read a token's parts.</summary>
internal static class TestTokens
{
    public const string Issuer = "https://riskengine.example";
    public const string Audience = "https://pep.example";
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);
    public static readonly DateTimeOffset EventTime = new(2025, 3, 14, 15, 9, 25, 500, TimeSpan.Zero);

    public static SecurityEventCause Cause(string? email = "alice@contoso.example", string? sessionId = "sess-42", string? txn = null) => new()
    {
        IdentityId = "5f0c9a1e-7d3b-4e5a-9c2f-0a1b2c3d4e5f",
        Email = email,
        SessionId = sessionId,
        TriggeringEventId = "signin-0001",
        EventTime = EventTime,
        ReasonAdmin = "Impossible travel and sign-in from an anonymising proxy",
        Txn = txn,
    };

    public static SecurityEventTokenIssuer CreateIssuer(ISigningKeyProvider keys, params string[] audiences) => new(
        Options.Create(new CaepOptions { Issuer = Issuer, Audiences = audiences.Length == 0 ? [Audience] : [.. audiences] }),
        keys,
        new FixedTimeProvider(Now));

    /// <summary>Verifies with Microsoft.IdentityModel, a JOSE implementation that shares no code with ours.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(string token, string jwks, params string[] audiences)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudiences = audiences.Length == 0 ? [Audience] : audiences,
            IssuerSigningKeys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(jwks).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["secevent+jwt"],
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
    }

    public static JsonElement Header(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.Clone();

    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();
}
