using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;
using RiskEngine.Core.Networks;

namespace RiskEngine.Core.Identity;

/// <summary>The 32-bit keys sign-in history stores instead of strings; <see cref="StableHash.None"/> when the event does not say.</summary>
public static class SignInKeys
{
    private static readonly UInt128 IPv4NetworkMask = UInt128.MaxValue << 8;
    private static readonly UInt128 IPv6NetworkMask = UInt128.MaxValue << 80;

    public static uint Of(SignInTrait trait, IdentityEvent signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        return trait switch
        {
            SignInTrait.Device => DeviceFingerprint.Of(signIn) is var device && device != DeviceFingerprint.None ? StableHash.Fold(device) : StableHash.None,
            SignInTrait.Country => StableHash.Of(signIn.CountryOrRegion),
            SignInTrait.AutonomousSystem => signIn.AutonomousSystemNumber is { } asn && asn > 0 ? (uint)asn : StableHash.None,
            SignInTrait.Network => NetworkOf(signIn.IpAddress),
            SignInTrait.UserAgent => StableHash.Of(signIn.UserAgent),
            _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, null),
        };
    }

    /// <summary>The key of the whole address, for telling one address from another.</summary>
    public static uint AddressOf(string? ipAddress) =>
        ipAddress is not null && IpAddressParser.TryParse(ipAddress, out var address) ? StableHash.Of(address) : StableHash.None;

    /// <summary>
    /// The key of the address's /24 (IPv4) or /48 (IPv6): the block a VPN egress, a corporate proxy or a home
    /// line's addresses come from, where the exact address changes from one sign-in to the next.
    /// </summary>
    public static uint NetworkOf(string? ipAddress)
    {
        if (ipAddress is null || !IpAddressParser.TryParse(ipAddress, out var address))
        {
            return StableHash.None;
        }

        return StableHash.Of(address & (IpAddressParser.IsIPv4(address) ? IPv4NetworkMask : IPv6NetworkMask));
    }
}
