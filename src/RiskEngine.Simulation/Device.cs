namespace RiskEngine.Simulation;

/// <summary>The <c>deviceDetail</c> of a sign-in, plus the user agent that device sends.</summary>
/// <remarks>An empty <see cref="DeviceId"/> is an unregistered device, which Entra cannot tell apart from others of its kind.</remarks>
internal sealed record Device(
    string DeviceId,
    string DisplayName,
    string OperatingSystem,
    string Browser,
    string UserAgent,
    bool IsCompliant,
    bool IsManaged,
    string TrustType,
    bool IsMobile);
