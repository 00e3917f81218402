namespace RiskEngine.Ssf.Streams;

/// <summary>A stream's <c>delivery</c>.</summary>
/// <param name="Method"><see cref="DeliveryMethods.Push"/> or <see cref="DeliveryMethods.Poll"/>.</param>
/// <param name="EndpointUrl">Push: the receiver's URL. Poll: this transmitter's poll URL for the stream.</param>
/// <param name="AuthorizationHeader">
/// Push: the <c>Authorization</c> value sent with each SET. Poll: the value the receiver presents when it polls.
/// A credential of the receiver's, so it is never written back in a response.
/// </param>
public sealed record StreamDelivery(string Method, string EndpointUrl, string? AuthorizationHeader)
{
    public bool IsPush => Method == DeliveryMethods.Push;
}
