using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RiskEngine.Http.OpaUpload;

public static class OpaUploadEndpoints
{
    /// <summary>The upload endpoint's services; its options come from the "OpaUpload" section.</summary>
    public static IServiceCollection AddOpaDecisionLogUpload(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OpaUploadOptions>().Bind(configuration.GetSection(OpaUploadOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DecisionLogUpload>();
        return services;
    }

    /// <summary>
    /// <c>POST /logs</c> and <c>/logs/{partition}</c>, where OPA's decision-log plugin uploads when a service
    /// pointing at this engine is configured as its <c>decision_logs.service</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapOpaDecisionLogUpload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/logs", (HttpContext context, DecisionLogUpload upload) => upload.HandleAsync(context, partition: null));
        endpoints.MapPost("/logs/{partition}", (HttpContext context, string partition, DecisionLogUpload upload) => upload.HandleAsync(context, partition));
        return endpoints;
    }
}
