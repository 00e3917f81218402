using System.Net;
using RiskEngine.Core.Networks;

namespace RiskEngine.Ssf.Delivery.Push;

/// <summary>
/// Addresses a push stream must not reach unless <see cref="SsfOptions.AllowPrivateEndpoints"/>: whoever may create a
/// stream could otherwise make the transmitter POST to the cloud metadata service (169.254.169.254), to loopback
/// admin ports or into the private network behind it (server-side request forgery).
/// </summary>
public static class NonPublicAddresses
{
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
        fc00::/7           # unique local
        fe80::/10          # link-local
        fec0::/10          # site-local (deprecated)
        ff00::/8           # multicast
        """);

    /// <summary>The non-public range holding <paramref name="address"/> (an IPv4-mapped IPv6 address as its IPv4 one), or null when it is public.</summary>
    public static string? RangeOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Ranges.RangeOf((address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
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
}
