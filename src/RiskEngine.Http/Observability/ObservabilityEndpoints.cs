using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Http.Authorization;
using RiskEngine.Http.Responses;
using RiskEngine.Kafka.Observability;

namespace RiskEngine.Http.Observability;

/// <summary>
/// <c>/healthz</c>, for liveness and readiness probes: 200 "healthy" once every stage's consumer has joined its group,
/// 503 naming each failed check otherwise (a stage stopped, a consumer not assigned yet). It needs no token, since probes
/// cannot carry secrets, and so tells no figures. <c>/status</c>, for a token granting <see cref="StatusScopes.Read"/>: the
/// engine's figures as JSON (<see cref="EngineStatusJson"/>); refusals are <c>application/problem+json</c>.
/// </summary>
public static class ObservabilityEndpoints
{
    public const string HealthPath = "/healthz";
    public const string StatusPath = "/status";

    public static IServiceCollection AddEngineStatus(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StatusApiOptions>().Bind(configuration.GetSection(StatusApiOptions.SectionName));
        services.AddSingleton<StatusTokens>();
        return services;
    }

    public static IEndpointRouteBuilder MapEngineObservability(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(HealthPath, (EngineFigures figures) =>
        {
            var failed = figures.StageHealth().Where(stage => !stage.Healthy).Select(stage => stage.Detail).ToList();
            return failed.Count == 0
                ? Results.Text("healthy\n")
                : Results.Text("unhealthy: " + string.Join("; ", failed) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        endpoints.MapGet(StatusPath, (HttpContext context, EngineFigures figures, StatusTokens tokens) =>
            ScopeChallenge.Refuse(context, tokens.Store, "riskengine-status", StatusScopes.Read, impliedBy: null) is { } refused
                ? Results.Problem(statusCode: refused.Status, title: "The status request was refused.", detail: refused.Reason)
                : JsonBody.Of(writer => EngineStatusJson.Write(writer, figures)));
        return endpoints;
    }
}
