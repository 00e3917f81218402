namespace RiskEngine.Ssf.Streams;

/// <summary>The wire names of <see cref="StreamStatus"/>.</summary>
public static class StreamStatusNames
{
    public const string Enabled = "enabled";
    public const string Paused = "paused";
    public const string Disabled = "disabled";

    public static string ToWire(this StreamStatus status) => status switch
    {
        StreamStatus.Enabled => Enabled,
        StreamStatus.Paused => Paused,
        StreamStatus.Disabled => Disabled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a stream status"),
    };

    public static bool TryParse(string? name, out StreamStatus status)
    {
        (bool known, status) = name switch
        {
            Enabled => (true, StreamStatus.Enabled),
            Paused => (true, StreamStatus.Paused),
            Disabled => (true, StreamStatus.Disabled),
            _ => (false, default),
        };
        return known;
    }
}
