using System.Net;
using System.Net.Sockets;
using RiskEngine.Ssf.Delivery.Push;

namespace RiskEngine.Ssf.Tests.Delivery.Push;

public sealed class PublicAddressConnectorTests
{
    [Theory]
    [InlineData("169.254.169.254", "169.254.0.0/16")]
    [InlineData("10.0.0.1", "10.0.0.0/8")]
    [InlineData("172.31.255.255", "172.16.0.0/12")]
    [InlineData("192.168.1.1", "192.168.0.0/16")]
    [InlineData("100.64.0.1", "100.64.0.0/10")]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("0.0.0.0", "0.0.0.0/8")]
    [InlineData("255.255.255.255", "224.0.0.0/3")]
    [InlineData("::1", "::/127")]
    [InlineData("fd00::1", "fc00::/7")]
    [InlineData("fe80::1", "fe80::/10")]
    [InlineData("::ffff:169.254.169.254", "169.254.0.0/16")]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.0.0/16 (as NAT64 64:ff9b::/96)")]
    [InlineData("64:ff9b::10.1.2.3", "10.0.0.0/8 (as NAT64 64:ff9b::/96)")]
    [InlineData("2002:7f00:1::1", "127.0.0.0/8 (as 6to4 2002::/16)")]
    [InlineData("2002:c0a8:0101::", "192.168.0.0/16 (as 6to4 2002::/16)")]
    [InlineData("::a9fe:a9fe", "169.254.0.0/16 (as IPv4-compatible ::/96)")]
    [InlineData("64:ff9b:1::8.8.8.8", "64:ff9b:1::/48")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/32")]
    public void Non_public_addresses_name_their_range(string address, string range) =>
        Assert.Equal(range, NonPublicAddresses.RangeOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_in_no_range(string address) =>
        Assert.Null(NonPublicAddresses.RangeOf(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_resolving_only_to_loopback_is_not_connected_to()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await PublicAddressConnector.ConnectToPublicAsync(new DnsEndPoint("localhost", port), CancellationToken.None));

        Assert.Contains("non-public", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task The_metadata_address_is_not_connected_to() =>
        await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await PublicAddressConnector.ConnectToPublicAsync(new DnsEndPoint("169.254.169.254", 80), CancellationToken.None));
}
