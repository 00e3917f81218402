using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Subjects;
using RiskEngine.Caep.Tokens;
using RiskEngine.Ssf.Delivery.Push;
using RiskEngine.Ssf.Dispatch;
using RiskEngine.Ssf.Http;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using static RiskEngine.Ssf.Http.JsonMembers;

namespace RiskEngine.Ssf.Streams;

/// <summary>
/// The stream management API of SSF §8.1: configuration (create, read, update, replace, delete), status, subjects
/// and verification. Authorization is checked before any of these runs (<see cref="SsfEndpoints"/>).
/// </summary>
public sealed partial class StreamManagementApi
{
    private const int RejectedListLimit = 100;

    private readonly ISsfStore _store;
    private readonly StreamRegistry _registry;
    private readonly ControlEvents _controlEvents;
    private readonly SsfOptions _options;
    private readonly string _issuer;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamManagementApi> _logger;

    public StreamManagementApi(
        ISsfStore store,
        StreamRegistry registry,
        ControlEvents controlEvents,
        IOptions<SsfOptions> options,
        IOptions<CaepOptions> caep,
        TimeProvider time,
        ILogger<StreamManagementApi> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caep);
        _store = store;
        _registry = registry;
        _controlEvents = controlEvents;
        _options = options.Value;
        _issuer = caep.Value.Issuer;
        _time = time;
        _logger = logger;
    }

    public string Issuer => _issuer;

    public Task<IResult> CreateAsync(HttpContext context) => Guard(context, async (body, cancellationToken) =>
    {
        var request = StreamRequest.Read(body!.RootElement, _issuer);
        if (request.StreamId is not null)
        {
            throw new SsfRequestException("'stream_id' is chosen by the transmitter; leave it out when creating a stream");
        }

        var streamId = Guid.NewGuid().ToString("N");
        var delivery = Delivery(request, streamId, context) ?? throw new SsfRequestException("'delivery' with a 'method' is required");
        var stream = new StreamConfiguration(
            streamId,
            request.Audiences ?? [delivery.EndpointUrl],
            request.EventsRequested ?? [],
            delivery,
            request.Description,
            StreamStatus.Enabled,
            StatusReason: null);
        await _store.CreateStreamAsync(stream, cancellationToken);
        _registry.Invalidate();
        LogStreamCreated(_logger, streamId, delivery.Method, delivery.EndpointUrl);
        return Configuration(stream, StatusCodes.Status201Created);
    }, readBody: true);

    public Task<IResult> ReadAsync(HttpContext context) => Guard(context, async (_, cancellationToken) =>
    {
        if (OptionalStreamId(context) is { } streamId)
        {
            return Configuration(await RequireStreamAsync(streamId, cancellationToken), StatusCodes.Status200OK);
        }

        var streams = await _store.ListStreamsAsync(cancellationToken);
        return SsfResults.Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var stream in streams)
            {
                StreamJson.WriteConfiguration(writer, stream, _issuer, _options.MinVerificationInterval);
            }

            writer.WriteEndArray();
        });
    }, readBody: false);

    /// <summary>PATCH: the members present replace the stream's; the others stay.</summary>
    public Task<IResult> UpdateAsync(HttpContext context) => Guard(context, async (body, cancellationToken) =>
    {
        var (request, existing) = await ReadChangeAsync(body!, cancellationToken);
        var updated = existing with
        {
            EventsRequested = request.EventsRequested ?? existing.EventsRequested,
            Delivery = Delivery(request, existing.StreamId, context) ?? existing.Delivery,
            Description = request.HasDescription ? request.Description : existing.Description,
        };
        return await SaveAsync(updated, cancellationToken);
    }, readBody: true);

    /// <summary>PUT: every receiver-supplied member is replaced; one left out is removed.</summary>
    public Task<IResult> ReplaceAsync(HttpContext context) => Guard(context, async (body, cancellationToken) =>
    {
        var (request, existing) = await ReadChangeAsync(body!, cancellationToken);
        var replaced = existing with
        {
            EventsRequested = request.EventsRequested ?? [],
            Delivery = Delivery(request, existing.StreamId, context) ?? throw new SsfRequestException("a replacement needs the whole configuration, including 'delivery'"),
            Description = request.Description,
        };
        return await SaveAsync(replaced, cancellationToken);
    }, readBody: true);

    public Task<IResult> DeleteAsync(HttpContext context) => Guard(context, async (_, cancellationToken) =>
    {
        var streamId = OptionalStreamId(context) ?? throw new SsfRequestException("the 'stream_id' query parameter is required");
        if (!await _store.DeleteStreamAsync(streamId, cancellationToken))
        {
            throw SsfRequestException.NotFound(streamId);
        }

        _registry.Invalidate();
        LogStreamDeleted(_logger, streamId);
        return SsfResults.Empty(StatusCodes.Status204NoContent);
    }, readBody: false);

    public Task<IResult> GetStatusAsync(HttpContext context) => Guard(context, async (_, cancellationToken) =>
    {
        var streamId = OptionalStreamId(context) ?? throw new SsfRequestException("the 'stream_id' query parameter is required");
        return Status(await RequireStreamAsync(streamId, cancellationToken));
    }, readBody: false);

    /// <summary>A change of status is announced to the stream with a stream-updated SET; disabling drops what the stream held.</summary>
    public Task<IResult> SetStatusAsync(HttpContext context) => Guard(context, async (body, cancellationToken) =>
    {
        string? streamId = null;
        string? statusName = null;
        string? reason = null;
        foreach (var member in Of(body!.RootElement, "a status update", "stream_id", "status", "reason", "subject"))
        {
            switch (member.Name)
            {
                case "stream_id":
                    streamId = NonEmptyString(member.Value, "stream_id");
                    break;
                case "status":
                    statusName = NonEmptyString(member.Value, "status");
                    break;
                case "reason":
                    reason = NullableString(member.Value, "reason");
                    break;
                default:
                    throw new SsfRequestException("a status per subject is not supported; leave 'subject' out to set the stream's status");
            }
        }

        if (!StreamStatusNames.TryParse(statusName, out var status))
        {
            throw new SsfRequestException(statusName is null
                ? "'status' is required"
                : $"'status' is '{statusName}'; expected {StreamStatusNames.Enabled}, {StreamStatusNames.Paused} or {StreamStatusNames.Disabled}");
        }

        var existing = await RequireStreamAsync(streamId ?? throw new SsfRequestException("'stream_id' is required"), cancellationToken);
        var updated = existing with { Status = status, StatusReason = reason };
        if (!await _store.UpdateStreamAsync(updated, cancellationToken))
        {
            throw SsfRequestException.NotFound(existing.StreamId);
        }

        _registry.Invalidate();
        if (status != existing.Status)
        {
            if (status == StreamStatus.Disabled)
            {
                var dropped = await _store.DropHeldAsync(existing.StreamId, cancellationToken);
                LogHeldDropped(_logger, existing.StreamId, dropped);
            }

            var previous = existing.Status.ToWire();
            var current = status.ToWire();
            await _controlEvents.EnqueueAsync(updated, new StreamUpdated(current, reason), cancellationToken);
            LogStatusChanged(_logger, existing.StreamId, previous, current);
        }

        return Status(updated);
    }, readBody: true);

    public Task<IResult> AddSubjectAsync(HttpContext context) => ChangeSubjectAsync(context, included: true);

    public Task<IResult> RemoveSubjectAsync(HttpContext context) => ChangeSubjectAsync(context, included: false);

    /// <summary>Sends a verification SET carrying the receiver's state; 429 when asked sooner than min_verification_interval after the last.</summary>
    public Task<IResult> VerifyAsync(HttpContext context) => Guard(context, async (body, cancellationToken) =>
    {
        string? streamId = null;
        string? state = null;
        foreach (var member in Of(body!.RootElement, "a verification request", "stream_id", "state"))
        {
            if (member.Name == "stream_id")
            {
                streamId = NonEmptyString(member.Value, "stream_id");
            }
            else
            {
                state = NullableString(member.Value, "state");
            }
        }

        var stream = await RequireStreamAsync(streamId ?? throw new SsfRequestException("'stream_id' is required"), cancellationToken);
        var interval = (long)_options.MinVerificationInterval.TotalMilliseconds;
        if (!await _store.TryRecordVerificationAsync(stream.StreamId, _time.GetUtcNow().ToUnixTimeMilliseconds(), interval, cancellationToken))
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(_options.MinVerificationInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            throw new SsfRequestException(
                $"verification was requested less than min_verification_interval ({_options.MinVerificationInterval.TotalSeconds:0} s) ago",
                StatusCodes.Status429TooManyRequests,
                "too_many_requests");
        }

        await _controlEvents.EnqueueAsync(stream, new Verification(state), cancellationToken);
        return SsfResults.Empty(StatusCodes.Status204NoContent);
    }, readBody: true);

    /// <summary>The SETs of a stream that its receiver refused or that were given up on, newest first, with their errors.</summary>
    public Task<IResult> RejectedAsync(HttpContext context) => Guard(context, async (_, cancellationToken) =>
    {
        var streamId = OptionalStreamId(context) ?? throw new SsfRequestException("the 'stream_id' query parameter is required");
        var stream = await RequireStreamAsync(streamId, cancellationToken);
        var rejected = await _store.RejectedAsync(stream.StreamId, RejectedListLimit, cancellationToken);
        return SsfResults.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("stream_id"u8, stream.StreamId);
            writer.WriteStartArray("rejected"u8);
            foreach (var entry in rejected)
            {
                writer.WriteStartObject();
                writer.WriteString("jti"u8, entry.Jti);
                writer.WriteString("event_type"u8, entry.EventType);
                writer.WriteNumber("attempts"u8, entry.Attempts);
                writer.WriteString("error"u8, entry.LastError);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }, readBody: false);

    private Task<IResult> ChangeSubjectAsync(HttpContext context, bool included) => Guard(context, async (body, cancellationToken) =>
    {
        string? streamId = null;
        SubjectIdentifier? subject = null;
        foreach (var member in Of(body!.RootElement, included ? "an add-subject request" : "a remove-subject request", "stream_id", "subject", "verified"))
        {
            switch (member.Name)
            {
                case "stream_id":
                    streamId = NonEmptyString(member.Value, "stream_id");
                    break;
                case "subject":
                    subject = ParseSubject(member.Value);
                    break;
                default:
                    // Whether the receiver verified the subject changes nothing here: the transmitter sends only what it issues.
                    Boolean(member.Value, "verified");
                    break;
            }
        }

        var stream = await RequireStreamAsync(streamId ?? throw new SsfRequestException("'stream_id' is required"), cancellationToken);
        await _store.SetSubjectAsync(new StreamSubject(stream.StreamId, SubjectFilter.Canonical(subject ?? throw new SsfRequestException("'subject' is required")), included), cancellationToken);
        _registry.Invalidate();
        return SsfResults.Empty(included ? StatusCodes.Status200OK : StatusCodes.Status204NoContent);
    }, readBody: true);

    private static SubjectIdentifier ParseSubject(JsonElement value)
    {
        try
        {
            return SubjectIdentifier.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new SsfRequestException($"'subject' is not a subject identifier: {ex.Message}", ex);
        }
    }

    private async Task<(StreamRequest Request, StreamConfiguration Existing)> ReadChangeAsync(JsonDocument body, CancellationToken cancellationToken)
    {
        var request = StreamRequest.Read(body.RootElement, _issuer);
        var existing = await RequireStreamAsync(request.StreamId ?? throw new SsfRequestException("'stream_id' is required"), cancellationToken);
        if (request.Audiences is { } audiences && !audiences.SequenceEqual(existing.Audiences, StringComparer.Ordinal))
        {
            throw new SsfRequestException("'aud' cannot be changed once the stream exists");
        }

        return (request, existing);
    }

    private async Task<IResult> SaveAsync(StreamConfiguration stream, CancellationToken cancellationToken)
    {
        if (!await _store.UpdateStreamAsync(stream, cancellationToken))
        {
            throw SsfRequestException.NotFound(stream.StreamId);
        }

        _registry.Invalidate();
        return Configuration(stream, StatusCodes.Status200OK);
    }

    /// <summary>The delivery a request asks for, checked; null when it names none.</summary>
    private StreamDelivery? Delivery(StreamRequest request, string streamId, HttpContext context)
    {
        if (!request.HasDelivery)
        {
            return null;
        }

        if (request.DeliveryMethod == DeliveryMethods.Poll)
        {
            var pollUrl = SsfEndpoints.BaseUrl(context, _options) + _options.RoutePrefix + SsfRoutes.Poll + streamId;
            if (request.EndpointUrl is { } given && given != pollUrl)
            {
                throw new SsfRequestException($"the 'delivery.endpoint_url' of a poll stream is the transmitter's ({pollUrl}); leave it out");
            }

            return new StreamDelivery(DeliveryMethods.Poll, pollUrl, request.AuthorizationHeader);
        }

        if (request.EndpointUrl is not { } endpoint)
        {
            throw new SsfRequestException("a push stream needs 'delivery.endpoint_url', the receiver's URL");
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new SsfRequestException($"'delivery.endpoint_url' '{endpoint}' is not an absolute http(s) URL without credentials or fragment");
        }

        if (uri.Scheme == "http" && !_options.AllowHttpEndpoints)
        {
            throw new SsfRequestException($"'delivery.endpoint_url' '{endpoint}' must use https");
        }

        if (!_options.PrivateEndpointsAllowed && NonPublicAddresses.Refusal(uri) is { } refusal)
        {
            throw new SsfRequestException($"'delivery.endpoint_url' '{endpoint}' is not a public address ({refusal}); set Ssf:AllowPrivateEndpoints to push to one");
        }

        if (request.AuthorizationHeader is { } authorization && authorization.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new SsfRequestException("'delivery.authorization_header' must be one line");
        }

        return new StreamDelivery(DeliveryMethods.Push, endpoint, request.AuthorizationHeader);
    }

    private async Task<StreamConfiguration> RequireStreamAsync(string streamId, CancellationToken cancellationToken) =>
        await _store.GetStreamAsync(streamId, cancellationToken) ?? throw SsfRequestException.NotFound(streamId);

    private static string? OptionalStreamId(HttpContext context) =>
        context.Request.Query["stream_id"].ToString() is { Length: > 0 } streamId ? streamId : null;

    private IResult Configuration(StreamConfiguration stream, int statusCode) =>
        SsfResults.Json(writer => StreamJson.WriteConfiguration(writer, stream, _issuer, _options.MinVerificationInterval), statusCode);

    private static IResult Status(StreamConfiguration stream) => SsfResults.Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("stream_id"u8, stream.StreamId);
        writer.WriteString("status"u8, stream.Status.ToWire());
        if (stream.StatusReason is { } reason)
        {
            writer.WriteString("reason"u8, reason);
        }

        writer.WriteEndObject();
    });

    private async Task<IResult> Guard(HttpContext context, Func<JsonDocument?, CancellationToken, Task<IResult>> handle, bool readBody)
    {
        try
        {
            using var body = readBody ? await JsonRequestBody.ReadAsync(context.Request, _options.MaxRequestBytes, context.RequestAborted) : null;
            return await handle(body, context.RequestAborted);
        }
        catch (SsfRequestException ex)
        {
            return SsfResults.Error(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SSF stream {StreamId} created: {Method} to {Endpoint}")]
    private static partial void LogStreamCreated(ILogger logger, string streamId, string method, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSF stream {StreamId} deleted")]
    private static partial void LogStreamDeleted(ILogger logger, string streamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSF stream {StreamId} status changed from {Previous} to {Current}")]
    private static partial void LogStatusChanged(ILogger logger, string streamId, string previous, string current);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSF stream {StreamId} disabled: {Count} held SETs dropped")]
    private static partial void LogHeldDropped(ILogger logger, string streamId, int count);
}
