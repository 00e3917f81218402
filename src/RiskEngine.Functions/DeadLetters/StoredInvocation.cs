namespace RiskEngine.Functions.DeadLetters;

/// <summary>
/// The unfinished part of a batch as the dead-letter directory keeps it: itself an invocation request in the
/// Functions host's shape, so that POSTing the file to the handler's <c>/&lt;function&gt;</c> sends it again.
/// <see cref="Metadata"/> keeps the partition, each event's metadata, and why it was kept.
/// </summary>
public sealed record StoredInvocation(Dictionary<string, string[]> Data, StoredMetadata Metadata);
