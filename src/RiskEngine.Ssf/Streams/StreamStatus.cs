namespace RiskEngine.Ssf.Streams;

/// <summary>A stream's status (SSF §8.1.2); the wire form is the lower-case name.</summary>
public enum StreamStatus
{
    /// <summary>Events are delivered.</summary>
    Enabled,

    /// <summary>Events are held, in order, and delivered once the stream is enabled again.</summary>
    Paused,

    /// <summary>Events are neither delivered nor held.</summary>
    Disabled,
}
