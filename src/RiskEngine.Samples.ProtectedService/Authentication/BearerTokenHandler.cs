using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace RiskEngine.Samples.ProtectedService.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;JWT&gt;</c> (RFC 6750): RS256 under the configured key, the configured
/// issuer and audience, unexpired. Claims keep their JWT names (<c>sub</c>, <c>sid</c>, <c>auth_time</c>).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenSigningKey key)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        TokenValidationResult result = await Tokens.ValidateTokenAsync(authorization["Bearer ".Length..].Trim(), new TokenValidationParameters
        {
            ValidIssuer = Options.Issuer,
            ValidAudience = Options.Audience,
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        }).ConfigureAwait(false);
        return result.IsValid
            ? AuthenticateResult.Success(new AuthenticationTicket(new(result.ClaimsIdentity), Scheme.Name))
            : AuthenticateResult.Fail(result.Exception?.Message ?? "invalid token");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = Request.Headers.Authorization.Count == 0
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
