using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Ssf.Delivery.Poll;

/// <summary>RFC 8936 poll delivery.</summary>
public sealed class PollDeliveryOptions
{
    /// <summary>SETs returned when the request gives no <c>maxEvents</c>.</summary>
    [Range(1, 10_000)]
    public int DefaultMaxEvents { get; set; } = 100;

    /// <summary>The most SETs one response carries, whatever <c>maxEvents</c> asks for.</summary>
    [Range(1, 10_000)]
    public int MaxEventsLimit { get; set; } = 1000;

    /// <summary>How long a poll without <c>returnImmediately</c> waits for a SET before answering with none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan LongPollTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
