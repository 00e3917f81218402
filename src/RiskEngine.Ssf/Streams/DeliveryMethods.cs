namespace RiskEngine.Ssf.Streams;

/// <summary>The delivery method URNs SSF uses in a stream's <c>delivery.method</c>.</summary>
public static class DeliveryMethods
{
    /// <summary>RFC 8935: the transmitter POSTs each SET to the receiver.</summary>
    public const string Push = "urn:ietf:rfc:8935";

    /// <summary>RFC 8936: the receiver POSTs to the transmitter and gets the SETs waiting for it.</summary>
    public const string Poll = "urn:ietf:rfc:8936";

    public static IReadOnlyList<string> Supported { get; } = [Push, Poll];
}
