using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Http.Authorization;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Backpressure;
using RiskEngine.Pipeline;
using RiskEngine.Sources.Compression;

namespace RiskEngine.Http.OpaUpload;

/// <summary>
/// Takes what OPA's decision-log plugin uploads (a JSON array of decision events, gzip-compressed) and writes
/// each decision as its own message to the decisions topic. It answers 204 only once Kafka has acknowledged
/// every one of them, and anything else on failure so that OPA keeps the batch and retries. While scoring is too far
/// behind for the decode stage to read on, it answers 503 with Retry-After rather than pile more onto the topics: the
/// batch waits in OPA, not in a cluster whose retention (the embedded one's especially) it could outrun.
/// </summary>
public sealed partial class DecisionLogUpload : IDisposable
{
    public const string PartitionHeader = "riskengine-opa-partition";

    private readonly OpaUploadOptions _options;
    private readonly BearerTokenStore _tokens;
    private readonly string _topic;
    private readonly int _maxDecisionBytes;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly ScoringBacklog? _backlog;
    private readonly ILogger<DecisionLogUpload> _logger;

    public DecisionLogUpload(
        IOptions<OpaUploadOptions> options,
        IOptions<TopicOptions> topics,
        IOptions<PipelineOptions> pipeline,
        KafkaConnection connection,
        ILogger<DecisionLogUpload> logger,
        ScoringBacklog? backlog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(connection);
        _options = options.Value;
        _tokens = new BearerTokenStore(_options.TokenFile, OpaUploadOptions.TokenEnvironmentVariable);
        _topic = topics.Value.Decisions;
        _maxDecisionBytes = pipeline.Value.MaxMessageBytes;
        _producer = new ProducerBuilder<byte[]?, byte[]>(connection.CreateProducerConfig()).Build();
        _backlog = backlog;
        _logger = logger;
        if (!_tokens.AnyConfigured)
        {
            LogNoToken(logger, OpaUploadOptions.TokenEnvironmentVariable);
        }
    }

    public async Task<IResult> HandleAsync(HttpContext context, string? partition)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (_tokens.Authenticate(BearerTokenStore.FromAuthorizationHeader(request)) is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"riskengine\"";
            return Results.Text("a valid bearer token is required (OPA services[].credentials.bearer.token)", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (_backlog is { IsOverloaded: true } backlog)
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.Text(
                string.Create(CultureInfo.InvariantCulture, $"scoring is {backlog.Latest.Largest:N0} events behind in a partition (the bound is {backlog.PauseAbove:N0}); retry"),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (request.ContentLength > _options.MaxRequestBytes)
        {
            return TooLarge($"request body of {request.ContentLength:N0} bytes exceeds the limit of {_options.MaxRequestBytes:N0}");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = _options.MaxRequestBytes;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text($"Content-Encoding {encoding} is not supported: send gzip or no encoding", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        GzipInflateResult inflated = default;
        ReadOnlyMemory<byte> json;
        try
        {
            if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                inflated = await BoundedGzipInflater.InflateAsync(request.Body, _options.MaxInflatedBytes, context.RequestAborted);
                if (inflated.Status != GzipInflateStatus.Inflated)
                {
                    return Results.Text(inflated.Error!, statusCode: inflated.Status == GzipInflateStatus.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
                }

                json = inflated.Payload!.Memory;
            }
            else
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, context.RequestAborted);
                json = buffer.ToArray();
            }

            if (SplitDecisions(json.Span, out var error) is not { } decisions)
            {
                return Results.Text(error!, statusCode: StatusCodes.Status400BadRequest);
            }

            if (decisions.FindIndex(range => range.GetOffsetAndLength(json.Length).Length > _maxDecisionBytes) is var oversized and >= 0)
            {
                return TooLarge(string.Create(CultureInfo.InvariantCulture,
                    $"decision {oversized} of {decisions.Count} is {decisions[oversized].GetOffsetAndLength(json.Length).Length:N0} bytes; the limit for one decision is {_maxDecisionBytes:N0}"));
            }

            return await WriteAsync(json, decisions, partition, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge($"request body exceeds the limit of {_options.MaxRequestBytes:N0} bytes");
        }
        finally
        {
            inflated.Payload?.Dispose();
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    private async Task<IResult> WriteAsync(ReadOnlyMemory<byte> payload, List<Range> decisions, string? partition, CancellationToken cancellationToken)
    {
        var headers = partition is null ? null : new Headers { { PartitionHeader, Encoding.UTF8.GetBytes(partition) } };
        var deliveries = decisions.Select(range => _producer.ProduceAsync(
            _topic,
            new Message<byte[]?, byte[]> { Value = payload[range].ToArray(), Headers = headers },
            cancellationToken));
        try
        {
            await Task.WhenAll(deliveries).WaitAsync(_options.DeliveryTimeout, cancellationToken);
            return Results.NoContent();
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException)
        {
            // OPA keeps a batch it got no 2xx for and sends it again; decisions already written are harmless
            // duplicates, since every output they cause carries the same deterministic id.
            LogWriteFailed(_logger, decisions.Count, ex);
            return Results.Text($"decisions not written to Kafka, retry: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The byte range of each decision of the upload: the elements of an array, or one object.</summary>
    private static List<Range>? SplitDecisions(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        var decisions = new List<Range>();
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
            {
                error = "the body must be a JSON array of decision events (or one decision event)";
                return null;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
                decisions.Add(new Range(0, (int)reader.BytesConsumed));
            }
            else
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    decisions.Add(new Range(start, (int)reader.BytesConsumed));
                }
            }

            if (reader.Read())
            {
                error = "trailing data after the JSON body";
                return null;
            }

            return decisions;
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return null;
        }
    }

    private static IResult TooLarge(string reason) => Results.Text(reason, statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OPA decision-log endpoint has no bearer token configured (OpaUpload:TokenFile or {Variable}); every upload is refused")]
    private static partial void LogNoToken(ILogger logger, string variable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} uploaded decisions were not acknowledged by Kafka; answered 503 so that OPA retries")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
