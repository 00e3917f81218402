using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;
using RiskEngine.Http.Authorization;
using RiskEngine.Http.Responses;
using RiskEngine.Thresholds.Hosting;
using RiskEngine.Thresholds.Storage;

namespace RiskEngine.Thresholds.Api;

/// <summary>
/// <c>/admin/thresholds</c>: the thresholds in force, any version and the history for a token granting
/// <see cref="ThresholdsScopes.Read"/>; a new version or a rollback for one granting <see cref="ThresholdsScopes.Write"/>.
/// Refusals are <c>application/problem+json</c> with every reason.
/// </summary>
public static class ThresholdsApi
{
    public const string Path = "/admin/thresholds";

    /// <summary>A thresholds document is a few kilobytes; a body past this is refused with 413 unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapThresholdsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<ThresholdsOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapGet(Path, async (HttpContext context, ThresholdStore store, ConfiguredTrustSettings configured) =>
            Authorize(context, ThresholdsScopes.Read)
            ?? Version(await store.CurrentAsync(context.RequestAborted) ?? Unversioned(configured.Current())));
        endpoints.MapGet(Path + "/history", async (HttpContext context, ThresholdStore store, int? limit) =>
            Authorize(context, ThresholdsScopes.Read)
            ?? (limit is < 1 or > 1000
                ? Problem(StatusCodes.Status400BadRequest, ["limit must be between 1 and 1000"])
                : History(await store.HistoryAsync(limit ?? 100, context.RequestAborted))));
        endpoints.MapGet(Path + "/{version:int}", async (HttpContext context, ThresholdStore store, int version) =>
            Authorize(context, ThresholdsScopes.Read)
            ?? (await store.GetAsync(version, context.RequestAborted) is { } found
                ? Version(found)
                : Problem(StatusCodes.Status404NotFound, [$"there is no thresholds version {version}"])));
        endpoints.MapPut(Path, (HttpContext context, ThresholdStore store, ConfiguredTrustSettings configured, StoredThresholds stored) =>
            ChangeAsync(context, stored, async body =>
            {
                if (!body.TryGetProperty("thresholds", out var document) || document.ValueKind != JsonValueKind.Object)
                {
                    throw new ThresholdRefusedException(["the body needs \"thresholds\": a thresholds document (schemas/thresholds.schema.json)"]);
                }

                ThresholdSettings thresholds;
                try
                {
                    thresholds = ThresholdSettings.Parse(document.GetRawText());
                }
                catch (JsonException ex)
                {
                    throw new ThresholdRefusedException([$"thresholds: {ex.Message}"]);
                }

                return await store.SaveAsync(thresholds, configured.Current(), Change(body), context.RequestAborted);
            }));
        endpoints.MapPost(Path + "/rollback", (HttpContext context, ThresholdStore store, ConfiguredTrustSettings configured, StoredThresholds stored) =>
            ChangeAsync(context, stored, async body =>
            {
                if (!body.TryGetProperty("to", out var to) || !to.TryGetInt32(out var version))
                {
                    throw new ThresholdRefusedException(["the body needs \"to\": the version to roll back to"]);
                }

                return await store.RollbackAsync(version, configured.Current(), Change(body), context.RequestAborted);
            }));
        return endpoints;
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, StoredThresholds stored, Func<JsonElement, Task<ThresholdVersion>> change)
    {
        if (Authorize(context, ThresholdsScopes.Write) is { } refused)
        {
            return refused;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, [$"the body is larger than {MaxBodyBytes:N0} bytes"]);
        }

        var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, [$"the body is larger than {MaxBodyBytes:N0} bytes"]);
            }

            body.Write(buffer, 0, read);
        }

        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problem(StatusCodes.Status400BadRequest, ["the body is a JSON object"]);
            }

            var version = await change(json.RootElement);
            await stored.RefreshAsync(context.RequestAborted);
            context.Response.Headers.Location = $"{Path}/{version.Version}";
            return JsonBody.Of(writer => WriteVersion(writer, version), StatusCodes.Status201Created);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, [$"the body is not JSON: {ex.Message}"]);
        }
        catch (ThresholdRefusedException ex)
        {
            return Problem(ex.Reasons.Any(reason => reason.StartsWith("there is no version", StringComparison.Ordinal)) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, ex.Reasons);
        }
    }

    private static ThresholdChange Change(JsonElement body) => new(Text(body, "author"), Text(body, "reason"));

    private static string Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static ThresholdVersion Unversioned(TrustOptions configured) =>
        new(0, ThresholdSettings.Of(configured), "configuration", "no version stored: the configured Trust settings", DateTimeOffset.UnixEpoch, null);

    private static IResult? Authorize(HttpContext context, string scope) =>
        ScopeChallenge.Refuse(
            context,
            context.RequestServices.GetRequiredService<ThresholdsTokens>().Store,
            "riskengine-thresholds",
            scope,
            scope == ThresholdsScopes.Read ? ThresholdsScopes.Write : null) is { } refused
            ? Problem(refused.Status, [refused.Reason])
            : null;

    private static IResult Version(ThresholdVersion version) => JsonBody.Of(writer => WriteVersion(writer, version));

    private static IResult History(IReadOnlyList<ThresholdVersion> versions) => JsonBody.Of(writer =>
    {
        writer.WriteStartArray();
        foreach (var version in versions)
        {
            WriteVersion(writer, version);
        }

        writer.WriteEndArray();
    });

    private static IResult Problem(int status, IEnumerable<string> reasons) => Results.Problem(
        statusCode: status,
        title: "The thresholds request was refused.",
        detail: string.Join(" ", reasons),
        extensions: new Dictionary<string, object?> { ["errors"] = reasons.ToArray() });

    /// <summary>A version as the API and <c>riskengine thresholds show --json</c> give it.</summary>
    public static void WriteVersion(Utf8JsonWriter writer, ThresholdVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(version);
        writer.WriteStartObject();
        writer.WriteNumber("version", version.Version);
        writer.WriteString("author", version.Author);
        writer.WriteString("reason", version.Reason);
        writer.WriteString("createdAt", version.CreatedAt);
        if (version.RolledBackFrom is { } from)
        {
            writer.WriteNumber("rolledBackFrom", from);
        }

        writer.WritePropertyName("thresholds");
        JsonSerializer.Serialize(writer, version.Thresholds, ThresholdJsonContext.Default.ThresholdSettings);
        writer.WriteEndObject();
    }
}
