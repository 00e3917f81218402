using Microsoft.AspNetCore.Builder;
using RiskEngine.Pep.AspNetCore;

namespace RiskEngine.Pep.Hosting;

public static class PepApplicationBuilderExtensions
{
    /// <summary>Refuses requests of revoked sessions and users; call after <c>UseAuthentication()</c>, before <c>UseAuthorization()</c>.</summary>
    public static IApplicationBuilder UseRevocationEnforcement(this IApplicationBuilder app) =>
        app.UseMiddleware<RevocationEnforcementMiddleware>();
}
