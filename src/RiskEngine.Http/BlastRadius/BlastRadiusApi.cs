using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Http.Authorization;
using RiskEngine.Http.Responses;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.BlastRadius;

namespace RiskEngine.Http.BlastRadius;

/// <summary>
/// <c>/admin/blast-radius</c>: the guard's state for a token granting <see cref="BlastRadiusScopes.Read"/>, and
/// <c>POST /admin/blast-radius/confirm</c> (<see cref="BlastRadiusScopes.Confirm"/>, a body naming the analyst and
/// why), which lets revocations go out again. Refusals are <c>application/problem+json</c>.
/// </summary>
public static partial class BlastRadiusApi
{
    public const string Path = "/admin/blast-radius";

    /// <summary>A confirmation is an author and a reason; a body past this is refused with 413.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static IServiceCollection AddBlastRadiusApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BlastRadiusApiOptions>().Bind(configuration.GetSection(BlastRadiusApiOptions.SectionName));
        services.AddSingleton<BlastRadiusTokens>();
        return services;
    }

    public static IEndpointRouteBuilder MapBlastRadiusApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, (HttpContext context, BlastRadiusGuard guard) => Authorize(context, BlastRadiusScopes.Read) ?? JsonBody.Of(writer =>
        {
            var (revocations, active) = guard.Counts();
            writer.WriteStartObject();
            writer.WriteBoolean("tripped", guard.Trip is not null);
            writer.WriteNumber("revocations", revocations);
            writer.WriteNumber("activeIdentities", Math.Round(active));
            WriteTrip(writer, "trip", guard.Trip);
            writer.WriteEndObject();
        }));
        endpoints.MapPost(Path + "/confirm", ConfirmAsync);
        return endpoints;
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, BlastRadiusGuard guard, ILoggerFactory loggers)
    {
        if (Authorize(context, BlastRadiusScopes.Confirm) is { } refused)
        {
            return refused;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        string author;
        string reason;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            author = Text(body.RootElement, "author");
            reason = Text(body.RootElement, "reason");
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, $"the body is not JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBodyBytes:N0} bytes");
        }

        if (author.Length == 0 || reason.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "the body needs \"author\" and \"reason\": who confirms, and why the revocations are legitimate");
        }

        if (guard.Trip is not { } trip)
        {
            return Problem(StatusCodes.Status409Conflict, "the blast-radius guard is not tripped: there is nothing to confirm");
        }

        // Stored first, so that no instance, this one after a restart included, goes on holding a confirmed trip.
        if (context.RequestServices.GetService<BlastRadiusTripStore>() is { } store)
        {
            try
            {
                await store.ConfirmAsync(trip, author, reason, context.RequestAborted);
            }
            catch (DbException ex)
            {
                // The database's own words go to the log, not to the caller.
                LogConfirmationNotStored(loggers.CreateLogger(typeof(BlastRadiusApi).FullName!), ex);
                return Problem(StatusCodes.Status503ServiceUnavailable, "the confirmation could not be stored, so nothing was released; retry");
            }
        }

        // False when the store's watcher saw the confirmation first and released the trip already.
        guard.Release(trip);

        var description = trip.Describe();
        LogConfirmed(loggers.CreateLogger(typeof(BlastRadiusApi).FullName!), author, reason, description);
        return JsonBody.Of(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("author", author);
            writer.WriteString("reason", reason);
            WriteTrip(writer, "confirmed", trip);
            writer.WriteEndObject();
        });
    }

    private static string Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : string.Empty;

    private static void WriteTrip(Utf8JsonWriter writer, string name, BlastRadiusTrip? trip)
    {
        writer.WritePropertyName(name);
        if (trip is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            BlastRadiusAlert.Write(writer, trip);
        }
    }

    private static IResult? Authorize(HttpContext context, string scope) =>
        ScopeChallenge.Refuse(
            context,
            context.RequestServices.GetRequiredService<BlastRadiusTokens>().Store,
            "riskengine-blast-radius",
            scope,
            scope == BlastRadiusScopes.Read ? BlastRadiusScopes.Confirm : null) is { } refused
            ? Problem(refused.Status, refused.Reason)
            : null;

    private static IResult Problem(int status, string reason) =>
        Results.Problem(statusCode: status, title: "The blast-radius request was refused.", detail: reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blast-radius guard confirmed by {Author} ({Reason}): revocations go out again. The trip: {Description}")]
    private static partial void LogConfirmed(ILogger logger, string author, string reason, string description);

    [LoggerMessage(Level = LogLevel.Error, Message = "A blast-radius confirmation could not be stored; the trip still holds revocations")]
    private static partial void LogConfirmationNotStored(ILogger logger, Exception exception);
}
