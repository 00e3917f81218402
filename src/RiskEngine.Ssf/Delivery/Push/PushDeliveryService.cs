using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Delivery.Push;

/// <summary>
/// RFC 8935 push delivery from the outbox. Each round sends the SETs that may go now (per stream and subject only the
/// oldest pending one, so a subject's SETs arrive in order) and records each answer: 202 (any 2xx) removes the SET;
/// 400 records the receiver's <c>{err, description}</c> and keeps the SET as rejected; anything else is retried
/// after an exponential, jittered backoff, up to <see cref="PushDeliveryOptions.MaxAttempts"/>. Nothing leaves the
/// outbox unacknowledged, so a restart resumes where delivery stopped.
/// </summary>
public sealed partial class PushDeliveryService : BackgroundService
{
    private const int MaxErrorBodyChars = 300;
    private static readonly MediaTypeHeaderValue SetMediaType = new("application/secevent+jwt");
    private static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(2);

    private readonly ISsfStore _store;
    private readonly OutboxSignal _signal;
    private readonly PushDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PushDeliveryService> _logger;
    private readonly HttpClient _http;

    public PushDeliveryService(ISsfStore store, OutboxSignal signal, IOptions<SsfOptions> options, TimeProvider time, ILogger<PushDeliveryService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _signal = signal;
        _options = options.Value.Push;
        var privateEndpointsAllowed = options.Value.PrivateEndpointsAllowed;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = _options.MaxConcurrentRequests,
            ConnectCallback = privateEndpointsAllowed ? null : PublicAddressConnector.ConnectAsync,
        })
        {
            Timeout = _options.RequestTimeout,
        };
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changed = _signal.Changed;
                if (await DeliverDueAsync(stoppingToken) > 0)
                {
                    continue;
                }

                var wait = _options.IdleCheckInterval;
                if (await _store.NextPushAttemptAsync(stoppingToken) is { } next)
                {
                    var untilNext = TimeSpan.FromMilliseconds(Math.Max(0, next - _time.GetUtcNow().ToUnixTimeMilliseconds()));
                    wait = untilNext < wait ? untilNext : wait;
                }

                await Task.WhenAny(changed, Task.Delay(wait, _time, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbException ex)
            {
                LogStoreUnavailable(_logger, StoreRetryDelay, ex);
                await Task.WhenAny(Task.Delay(StoreRetryDelay, _time, stoppingToken));
            }
        }
    }

    /// <summary>Sends every SET that may go now, at most the configured number at once; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await _store.DuePushAsync(_time.GetUtcNow().ToUnixTimeMilliseconds(), _options.MaxConcurrentRequests * 4, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var streams = new Dictionary<string, StreamConfiguration?>(StringComparer.Ordinal);
        foreach (var streamId in due.Select(entry => entry.StreamId).Distinct(StringComparer.Ordinal))
        {
            streams[streamId] = await _store.GetStreamAsync(streamId, cancellationToken);
        }

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRequests, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                if (streams[entry.StreamId] is { } stream)
                {
                    await DeliverAsync(stream, entry, token);
                }
            });
        return due.Count;
    }

    private async Task DeliverAsync(StreamConfiguration stream, OutboxEntry entry, CancellationToken cancellationToken)
    {
        string failure;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, stream.Delivery.EndpointUrl)
            {
                Content = new StringContent(entry.Token, Encoding.ASCII),
            };
            request.Content.Headers.ContentType = SetMediaType;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (stream.Delivery.AuthorizationHeader is { } authorization)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await _store.AcknowledgeAsync(stream.StreamId, [entry.Jti], cancellationToken);
                LogDelivered(_logger, stream.StreamId, entry.Jti, (int)response.StatusCode);
                return;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var error = ReceiverError(body);
                await _store.RejectAsync(stream.StreamId, entry.Jti, error, cancellationToken);
                LogRejected(_logger, stream.StreamId, entry.Jti, entry.EventType, error);
                return;
            }

            failure = $"HTTP {(int)response.StatusCode}: {Shorten(body)}";
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"no answer within {_options.RequestTimeout}: {ex.Message}";
        }

        var attempts = entry.Attempts + 1;
        if (attempts >= _options.MaxAttempts)
        {
            var error = $"given up after {attempts} attempts; last: {failure}";
            await _store.RejectAsync(stream.StreamId, entry.Jti, error, cancellationToken);
            LogGivenUp(_logger, stream.StreamId, entry.Jti, attempts, failure);
            return;
        }

        var delay = RetryBackoff.Delay(attempts, _options, Random.Shared.NextDouble());
        await _store.ScheduleRetryAsync(entry.Seq, attempts, _time.GetUtcNow().Add(delay).ToUnixTimeMilliseconds(), failure, cancellationToken);
        LogRetrying(_logger, stream.StreamId, entry.Jti, attempts, delay, failure);
    }

    /// <summary>RFC 8935 §2.3's <c>{"err": ..., "description": ...}</c> as "err: description"; the raw body when it is not that.</summary>
    private static string ReceiverError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("err", out var err) && err.ValueKind == JsonValueKind.String)
            {
                return root.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String
                    ? $"{err.GetString()}: {description.GetString()}"
                    : err.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not the error object RFC 8935 asks for; the body itself is the best record of what the receiver said.
        }

        return $"HTTP 400: {Shorten(body)}";
    }

    private static string Shorten(string body) => body.Length <= MaxErrorBodyChars ? body : body[..MaxErrorBodyChars] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSF stream {StreamId}: SET {Jti} delivered ({StatusCode})")]
    private static partial void LogDelivered(ILogger logger, string streamId, string jti, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSF stream {StreamId}: the receiver rejected SET {Jti} ({EventType}): {Error}; kept in the outbox as rejected")]
    private static partial void LogRejected(ILogger logger, string streamId, string jti, string eventType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSF stream {StreamId}: SET {Jti} not delivered (attempt {Attempts}), retrying in {Delay}: {Failure}")]
    private static partial void LogRetrying(ILogger logger, string streamId, string jti, int attempts, TimeSpan delay, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "SSF stream {StreamId}: SET {Jti} given up after {Attempts} attempts: {Failure}; kept in the outbox as rejected")]
    private static partial void LogGivenUp(ILogger logger, string streamId, string jti, int attempts, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "The SSF outbox could not be read; push delivery retries in {Delay}")]
    private static partial void LogStoreUnavailable(ILogger logger, TimeSpan delay, Exception exception);
}
