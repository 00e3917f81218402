using System.Security.Claims;
using Microsoft.Extensions.Options;
using RiskEngine.Pep.Hosting;
using RiskEngine.Samples.ProtectedService.Authentication;

namespace RiskEngine.Samples.ProtectedService;

/// <summary>
/// The sample service: <c>GET /hello</c> needs a valid bearer token whose session the engine has not revoked;
/// <c>POST /dev/token</c> mints tokens when <see cref="BearerTokenOptions.IssueDevelopmentTokens"/> is on.
/// </summary>
public static class ProtectedServiceApp
{
    /// <summary>Builds the app from <paramref name="args"/>, appsettings and the environment, then <paramref name="overrides"/> (tests).</summary>
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null, Action<PepBuilder>? configurePep = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        PepBuilder pep = builder.Services.AddRiskEnginePep(builder.Configuration.GetSection(Pep.PepOptions.SectionName));
        configurePep?.Invoke(pep);

        builder.Services.AddSingleton(provider =>
            new TokenSigningKey(provider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenOptions.Scheme).SigningKeyFile));
        builder.Services.AddSingleton<DevelopmentTokenIssuer>();
        builder.Services.AddAuthentication(BearerTokenOptions.Scheme)
            .AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenOptions.Scheme, options =>
                builder.Configuration.GetSection(BearerTokenOptions.SectionName).Bind(options));
        builder.Services.AddAuthorization();

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseRevocationEnforcement();
        app.UseAuthorization();

        app.MapGet("/hello", (ClaimsPrincipal user) =>
            Results.Text($"hello {user.FindFirst("sub")?.Value} (session {user.FindFirst("sid")?.Value})"))
            .RequireAuthorization();

        if (builder.Configuration.GetSection(BearerTokenOptions.SectionName).GetValue<bool>(nameof(BearerTokenOptions.IssueDevelopmentTokens)))
        {
            app.MapPost("/dev/token", (string user, string? email, string? sid, DevelopmentTokenIssuer issuer, TokenSigningKey key) =>
                key.HasPrivateKey
                    ? Results.Text(issuer.Issue(user, email, sid ?? Guid.NewGuid().ToString("N")))
                    : Results.Problem("The signing key file holds a public key only; it cannot mint tokens.", statusCode: StatusCodes.Status409Conflict));
        }

        return app;
    }
}
