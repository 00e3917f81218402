using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Functions.DeadLetters;
using RiskEngine.Kafka.Batches;
using RiskEngine.Pipeline;
using RiskEngine.Sources;

namespace RiskEngine.Functions.Invocation;

/// <summary>
/// Serves the Functions host's invocation of an Event Hubs triggered function (<c>POST /&lt;function&gt;</c>): the
/// batch goes through the decode stage onto the identity-keyed events topic (the engine's scoring stage takes it
/// from there), bad records to the dead-letter topic with their reasons. The Event Hubs trigger checkpoints past a
/// batch whatever the handler answers, so whatever it cannot finish is written to the dead-letter directory
/// before it answers, and the answer is then a failure the host logs.
/// </summary>
public sealed partial class EventHubBatchHandler
{
    private readonly FunctionsOptions _options;
    private readonly DecodeBatchPublisher _publisher;
    private readonly FileDeadLetterStore _store;
    private readonly ILogger<EventHubBatchHandler> _logger;

    public EventHubBatchHandler(IOptions<FunctionsOptions> options, DecodeBatchPublisher publisher, FileDeadLetterStore store, ILogger<EventHubBatchHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _publisher = publisher;
        _store = store;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, string function)
    {
        ArgumentNullException.ThrowIfNull(context);
        byte[] request;
        try
        {
            request = await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            // Nothing whole to keep: the host logs the failure, and the request is too large to have been a batch it sends.
            LogUnreadable(_logger, function, ex.Message, "nowhere");
            await AnswerAsync(context, ex.StatusCode, new BatchSummary(0, 0, 0, 0, ex.Message), $"request refused: {ex.Message}");
            return;
        }

        if (!_options.Formats.TryGetValue(function, out var format))
        {
            var reason = $"no function '{function}' is configured (Functions:Formats names {string.Join(", ", _options.Formats.Keys)})";
            await KeepUnreadableAsync(context, function, request, reason, StatusCodes.Status404NotFound);
            return;
        }

        if (InvocationRequestReader.Read(request, _options.TriggerBinding, out var error) is not { } batch)
        {
            await KeepUnreadableAsync(context, function, request, error!, StatusCodes.Status400BadRequest);
            return;
        }

        var messages = ToInputMessages(function, batch);
        DecodeBatchOutcome outcome;
        try
        {
            outcome = await _publisher.PublishAsync(messages, format, _options.DeliveryTimeout, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome = new DecodeBatchOutcome(0, 0, 0, 0, $"the batch could not be decoded and written: {ex.GetType().Name}: {ex.Message}");
        }

        if (outcome.Failure is not { } failure)
        {
            LogBatch(_logger, function, batch.PartitionId, batch.Events.Count, outcome.Decoded, outcome.DeadLettered, outcome.Skipped);
            await AnswerAsync(context, StatusCodes.Status200OK, new BatchSummary(batch.Events.Count, outcome.Decoded, outcome.DeadLettered, outcome.Skipped));
            return;
        }

        var unfinished = batch.Events.Skip(outcome.Finished).ToList();
        string? storedAt = null;
        try
        {
            storedAt = _store.Store(function, _options.TriggerBinding, batch, unfinished, failure);
            LogBatchKept(_logger, function, batch.PartitionId, unfinished.Count, batch.Events.Count, failure, storedAt);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogBatchLost(_logger, function, batch.PartitionId, unfinished.Count, failure, _options.DeadLetterDirectory, ex);
        }

        var summary = new BatchSummary(batch.Events.Count, outcome.Decoded, outcome.DeadLettered, outcome.Skipped, failure, storedAt);
        await AnswerAsync(context, StatusCodes.Status500InternalServerError, summary,
            storedAt is null
                ? $"{unfinished.Count} of {batch.Events.Count} events unfinished ({failure}) and NOT kept: the dead-letter directory could not be written"
                : $"{unfinished.Count} of {batch.Events.Count} events unfinished ({failure}); kept in {storedAt}: POST it to /{function} to send it again");
    }

    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _options.MaxRequestBytes)
        {
            throw new BadHttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"invocation request of {request.ContentLength:N0} bytes exceeds Functions:MaxRequestBytes ({_options.MaxRequestBytes:N0})"),
                StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private async Task KeepUnreadableAsync(HttpContext context, string function, byte[] request, string reason, int status)
    {
        string? storedAt = null;
        try
        {
            storedAt = _store.StoreUnreadable(function, request, reason);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogBatchLost(_logger, function, null, 0, reason, _options.DeadLetterDirectory, ex);
        }

        LogUnreadable(_logger, function, reason, storedAt ?? "nowhere");
        await AnswerAsync(context, status, new BatchSummary(0, 0, 0, 0, reason, storedAt), $"{reason}; request kept in {storedAt ?? "nowhere (the dead-letter directory could not be written)"}");
    }

    /// <summary>
    /// Each event as the pipeline takes a message: the event hub as topic, the partition, the sequence number as
    /// offset (dead letters name it), the partition key as key, and the enqueued time, against which event times are judged.
    /// </summary>
    private static List<InputMessage> ToInputMessages(string function, EventHubBatch batch)
    {
        var partition = int.TryParse(batch.PartitionId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0;
        var topic = batch.EventHubName ?? function;
        return [.. batch.Events.Select(e => new InputMessage(
            topic,
            partition,
            e.SequenceNumber ?? -1,
            e.PartitionKey is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(e.PartitionKey),
            e.Body,
            e.EnqueuedTime))];
    }

    private static async Task AnswerAsync(HttpContext context, int status, BatchSummary summary, params string[] logs)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var response = new InvocationResponse(new Dictionary<string, string>(StringComparer.Ordinal), logs, summary);
        await JsonSerializer.SerializeAsync(context.Response.Body, response, FunctionsJsonContext.Default.InvocationResponse, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} partition {Partition}: {Events} events, {Decoded} records decoded, {DeadLettered} dead-lettered, {Skipped} skipped")]
    private static partial void LogBatch(ILogger logger, string function, string? partition, int events, int decoded, int deadLettered, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} partition {Partition}: {Unfinished} of {Events} events unfinished ({Reason}); kept in {Path}")]
    private static partial void LogBatchKept(ILogger logger, string function, string? partition, int unfinished, int events, string reason, string path);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Function} partition {Partition}: {Unfinished} unfinished events ({Reason}) could not be kept in {Directory}; the trigger checkpoints past them")]
    private static partial void LogBatchLost(ILogger logger, string function, string? partition, int unfinished, string reason, string directory, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: invocation request refused ({Reason}); kept in {Path}")]
    private static partial void LogUnreadable(ILogger logger, string function, string reason, string path);
}
