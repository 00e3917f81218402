namespace RiskEngine.Functions.Invocation;

/// <summary>
/// The custom handler's answer to the Functions host: <c>Outputs</c> for output bindings (none here), <c>Logs</c>
/// the host writes to the invocation's log, and <c>ReturnValue</c> what became of the batch.
/// </summary>
public sealed record InvocationResponse(Dictionary<string, string> Outputs, IReadOnlyList<string> Logs, BatchSummary ReturnValue);
