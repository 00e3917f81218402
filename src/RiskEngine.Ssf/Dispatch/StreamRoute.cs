using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Dispatch;

/// <summary>A stream as the dispatcher sees it: its configuration and which subjects it carries.</summary>
public sealed record StreamRoute(StreamConfiguration Stream, SubjectFilter Subjects);
