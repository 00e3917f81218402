namespace RiskEngine.Core.Identity;

/// <summary>
/// What an identity's sign-in history knows the values of, each as a 32-bit key: the recent devices and networks in
/// sets of their own, the countries, autonomous systems and user agents from the rare-attributes counts.
/// </summary>
public enum SignInTrait
{
    /// <summary>The device: the provider's device id, else the operating system and browser.</summary>
    Device,

    /// <summary>The country or region geo-IP places the sign-in in.</summary>
    Country,

    /// <summary>The autonomous system (the network operator) of the sign-in's address.</summary>
    AutonomousSystem,

    /// <summary>The address's network: its IPv4 /24 or IPv6 /48, about one site or one egress point.</summary>
    Network,

    /// <summary>The raw user agent.</summary>
    UserAgent,
}
