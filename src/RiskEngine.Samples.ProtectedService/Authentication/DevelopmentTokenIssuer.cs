using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RiskEngine.Samples.ProtectedService.Authentication;

/// <summary>Mints the tokens <c>POST /dev/token</c> hands out, standing in for the identity provider when trying the sample.</summary>
public sealed class DevelopmentTokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TokenSigningKey key, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Tokens = new();

    /// <summary>A one-hour token for <paramref name="user"/> (its <c>sub</c>), <paramref name="email"/> and session <paramref name="sessionId"/>, authenticated now.</summary>
    public string Issue(string user, string? email, string sessionId)
    {
        BearerTokenOptions bearer = options.Get(BearerTokenOptions.Scheme);
        DateTime now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sid"] = sessionId,
            ["auth_time"] = new DateTimeOffset(now).ToUnixTimeSeconds(),
        };
        if (!string.IsNullOrEmpty(email))
        {
            claims["email"] = email;
        }

        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = bearer.Issuer,
            Audience = bearer.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
