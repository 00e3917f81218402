namespace RiskEngine.Core.Identity;

/// <summary>Where a session or token was first seen: the keys of its address and device, and its autonomous system (0 when unknown).</summary>
public readonly record struct SessionSighting(uint AddressKey, int AutonomousSystemNumber, uint DeviceKey);
