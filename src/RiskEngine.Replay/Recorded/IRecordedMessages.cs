using RiskEngine.Pipeline;
using RiskEngine.Sources;

namespace RiskEngine.Replay.Recorded;

/// <summary>
/// Messages as they were recorded, in the order they were recorded: a file, or one partition of a topic.
/// Read from one thread; <see cref="Done"/> may be read from any.
/// </summary>
public interface IRecordedMessages : IDisposable
{
    /// <summary>Names the input in progress and errors: a path, or topic/partition.</summary>
    string Name { get; }

    SourceFormat Format { get; }

    /// <summary>The share of the input read so far, 0 to 1 (bytes of a file, offsets of a partition), for progress and its ETA.</summary>
    double Done { get; }

    /// <summary>The next message; its memory is valid until the next call. False at the end of the input.</summary>
    bool TryRead(out InputMessage message);
}
