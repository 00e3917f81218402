using System.Data.Common;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskEngine.Audit.Records;
using RiskEngine.Audit.Storage;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;

namespace RiskEngine.Audit.Recording;

/// <summary>
/// Records every SET on the SET topic in the decision audit, in a consumer group of its own ("-audit"). A message
/// the audit cannot read is logged and passed over; a database that cannot be written is waited for (the offset
/// stays uncommitted, scoring goes on) rather than skipped. A SET delivered again is stored once, on its <c>jti</c>.
/// </summary>
public sealed partial class DecisionAuditRecorder : ISecurityEventTokenHandler
{
    private static readonly TimeSpan FirstStoreRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastStoreRetry = TimeSpan.FromSeconds(30);

    private readonly DecisionAuditStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<DecisionAuditRecorder> _logger;

    public DecisionAuditRecorder(DecisionAuditStore store, TimeProvider time, ILogger<DecisionAuditRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = time;
        _logger = logger;
    }

    public string Name => "audit";

    public void Handle(in InputMessage message, Headers headers, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var decision = AuditedDecisionReader.Read(message, headers, _time.GetUtcNow(), problems);
        if (decision is null)
        {
            var reasons = string.Join("; ", problems);
            LogUnrecordable(_logger, message.Partition, message.Offset, reasons);
            return;
        }

        if (problems.Count > 0)
        {
            var reasons = string.Join("; ", problems);
            LogIncomplete(_logger, message.Partition, message.Offset, decision.Jti, reasons);
        }

        RecordAsync(decision, message.Partition, message.Offset, cancellationToken).GetAwaiter().GetResult();
    }

    private async Task RecordAsync(AuditedDecision decision, int partition, long offset, CancellationToken cancellationToken)
    {
        for (var delay = FirstStoreRetry; ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastStoreRetry.Ticks)))
        {
            try
            {
                await _store.RecordAsync([decision], cancellationToken);
                return;
            }
            catch (DbException ex)
            {
                LogStoreUnavailable(_logger, partition, offset, delay, ex);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SET topic partition {Partition} offset {Offset} is not audited: {Reasons}")]
    private static partial void LogUnrecordable(ILogger logger, int partition, long offset, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SET topic partition {Partition} offset {Offset} (jti {Jti}) is audited with what its SET says: {Reasons}")]
    private static partial void LogIncomplete(ILogger logger, int partition, long offset, string jti, string reasons);

    [LoggerMessage(Level = LogLevel.Error, Message = "The decision audit could not be written for SET topic partition {Partition} offset {Offset}; retrying in {Delay} without committing it")]
    private static partial void LogStoreUnavailable(ILogger logger, int partition, long offset, TimeSpan delay, Exception exception);
}
