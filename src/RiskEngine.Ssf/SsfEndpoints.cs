using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Ssf.Authorization;
using RiskEngine.Ssf.Delivery.Poll;
using RiskEngine.Ssf.Discovery;
using RiskEngine.Ssf.Http;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf;

public static class SsfEndpoints
{
    /// <summary>
    /// The transmitter's HTTP API when <see cref="SsfOptions.Enabled"/>: the configuration document (public), stream
    /// management (bearer tokens with <c>ssf.read</c> to read, <c>ssf.manage</c> to change) and poll delivery.
    /// <paramref name="jwksPath"/> is where the host publishes the signing keys.
    /// </summary>
    public static IEndpointRouteBuilder MapSsfTransmitter(this IEndpointRouteBuilder endpoints, string jwksPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SsfOptions>>().Value;
        if (!options.Enabled)
        {
            return endpoints;
        }

        var api = endpoints.ServiceProvider.GetRequiredService<StreamManagementApi>();
        endpoints.MapGet(TransmitterConfiguration.WellKnownPath(api.Issuer), (HttpContext context) =>
            SsfResults.Json(writer => TransmitterConfiguration.Write(writer, api.Issuer, BaseUrl(context, options), jwksPath, options)));

        var group = endpoints.MapGroup(options.RoutePrefix);
        group.MapPost(SsfRoutes.Stream, (HttpContext context, StreamManagementApi management) => management.CreateAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapGet(SsfRoutes.Stream, (HttpContext context, StreamManagementApi management) => management.ReadAsync(context)).RequireScope(SsfScopes.Read);
        group.MapPatch(SsfRoutes.Stream, (HttpContext context, StreamManagementApi management) => management.UpdateAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapPut(SsfRoutes.Stream, (HttpContext context, StreamManagementApi management) => management.ReplaceAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapDelete(SsfRoutes.Stream, (HttpContext context, StreamManagementApi management) => management.DeleteAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapGet(SsfRoutes.Status, (HttpContext context, StreamManagementApi management) => management.GetStatusAsync(context)).RequireScope(SsfScopes.Read);
        group.MapPost(SsfRoutes.Status, (HttpContext context, StreamManagementApi management) => management.SetStatusAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapPost(SsfRoutes.AddSubject, (HttpContext context, StreamManagementApi management) => management.AddSubjectAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapPost(SsfRoutes.RemoveSubject, (HttpContext context, StreamManagementApi management) => management.RemoveSubjectAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapPost(SsfRoutes.Verify, (HttpContext context, StreamManagementApi management) => management.VerifyAsync(context)).RequireScope(SsfScopes.Manage);
        group.MapGet(SsfRoutes.Rejected, (HttpContext context, StreamManagementApi management) => management.RejectedAsync(context)).RequireScope(SsfScopes.Read);
        group.MapPost(SsfRoutes.Poll + "{streamId}", (HttpContext context, string streamId, PollEndpoint poll) => poll.HandleAsync(context, streamId));
        return endpoints;
    }

    /// <summary>Where receivers reach this host: <see cref="SsfOptions.PublicBaseUrl"/>, else the request's own scheme, host and path base.</summary>
    public static string BaseUrl(HttpContext context, SsfOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return options.PublicBaseUrl is { } configured
            ? configured.AbsoluteUri.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
    }

    private static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) =>
        builder.AddEndpointFilter(async (invocation, next) =>
            invocation.HttpContext.RequestServices.GetRequiredService<SsfAuthorization>().Authorize(invocation.HttpContext, scope) ?? await next(invocation));
}
