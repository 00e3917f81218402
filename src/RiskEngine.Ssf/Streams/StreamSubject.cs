namespace RiskEngine.Ssf.Streams;

/// <summary>A subject a receiver added to or removed from a stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="SubjectJson">The subject identifier as JSON, written canonically: it is also the key.</param>
/// <param name="Included">True when added, false when removed.</param>
public sealed record StreamSubject(string StreamId, string SubjectJson, bool Included);
