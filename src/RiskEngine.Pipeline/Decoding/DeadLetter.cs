using RiskEngine.Sources;

namespace RiskEngine.Pipeline.Decoding;

/// <summary>
/// Input that cannot be an event, with its original bytes and why. <see cref="RecordIndex"/> is the record
/// within a multi-record message, or -1 when the whole message is rejected.
/// </summary>
public readonly record struct DeadLetter(InputMessage Source, ReadOnlyMemory<byte> Payload, RejectionCode Code, string Reason, int RecordIndex);
