using System.Net;
using System.Net.Sockets;
using RiskEngine.Core.Networks;

namespace RiskEngine.Ssf.Delivery.Push;

/// <summary>
/// Addresses a push stream must not reach unless <see cref="SsfOptions.AllowPrivateEndpoints"/>: whoever may create a
/// stream could otherwise make the transmitter POST to the cloud metadata service (169.254.169.254), to loopback
/// admin ports or into the private network behind it (server-side request forgery).
/// </summary>
public static class NonPublicAddresses
{
    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly NetworkList Ranges = NetworkList.Parse("""
        0.0.0.0/8          # "this network"
        10.0.0.0/8         # private
        100.64.0.0/10      # carrier-grade NAT
        127.0.0.0/8        # loopback
        169.254.0.0/16     # link-local, where cloud metadata services listen
        172.16.0.0/12      # private
        192.0.0.0/24       # IETF protocol assignments
        192.168.0.0/16     # private
        198.18.0.0/15      # benchmarking
        224.0.0.0/3        # multicast, reserved, broadcast
        ::/127             # unspecified, loopback
        64:ff9b:1::/48     # NAT64 for local use
        2001::/32          # Teredo, whose relays reach the IPv4 address it hides
        fc00::/7           # unique local
        fe80::/10          # link-local
        fec0::/10          # site-local (deprecated)
        ff00::/8           # multicast
        """);

    /// <summary>
    /// The non-public range holding <paramref name="address"/>, or null when it is public. An IPv4 address inside an
    /// IPv6 one (IPv4-mapped, NAT64, 6to4, IPv4-compatible) is judged as that IPv4 address, which a translator or relay
    /// on the way would deliver to.
    /// </summary>
    public static string? RangeOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (Ranges.RangeOf(address.ToString()) is { } range)
        {
            return range;
        }

        return EmbeddedIPv4(address) is ({ } embedded, var form) && Ranges.RangeOf(embedded.ToString()) is { } embeddedRange
            ? $"{embeddedRange} (as {form})"
            : null;
    }

    /// <summary>
    /// Why <paramref name="uri"/> names a non-public host outright (an address literal in a non-public range, or
    /// <c>localhost</c>), or null. Names resolving to such addresses are refused when connecting, by <see cref="PublicAddressConnector"/>.
    /// </summary>
    public static string? Refusal(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.DnsSafeHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"{host} is loopback";
        }

        return IPAddress.TryParse(host, out var address) && RangeOf(address) is { } range ? $"{address} is in the non-public range {range}" : null;
    }

    private static (IPAddress? Address, string Form) EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return (null, string.Empty);
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (bytes[..12].SequenceEqual(Nat64Prefix))
        {
            return (new IPAddress(bytes[12..]), "NAT64 64:ff9b::/96");
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return (new IPAddress(bytes[2..6]), "6to4 2002::/16");
        }

        return bytes[..12].IndexOfAnyExcept((byte)0) < 0 ? (new IPAddress(bytes[12..]), "IPv4-compatible ::/96") : (null, string.Empty);
    }
}
