using RiskEngine.Core.Networks;

namespace RiskEngine.Core.Tests.Networks;

public sealed class NetworkListTests
{
    private const string Sample = """
        # Tor exits
        185.220.101.0/24
        185.220.101.128/25     # a narrower block inside the one above
        10.0.0.0/8
        192.42.116.16          # one address
        2001:67c:6ec::/48
        as9009
        AS60729

        """;

    private readonly NetworkList _list = NetworkList.Parse(Sample);

    [Theory]
    [InlineData("185.220.101.7", "185.220.101.0/24")]
    [InlineData("185.220.101.200", "185.220.101.128/25")]
    [InlineData("10.200.3.4", "10.0.0.0/8")]
    [InlineData("192.42.116.16", "192.42.116.16")]
    [InlineData("::ffff:192.42.116.16", "192.42.116.16")]
    [InlineData("2001:67c:6ec:1::5", "2001:67c:6ec::/48")]
    public void Finds_the_narrowest_listed_range_holding_an_address(string address, string range)
    {
        Assert.Equal(range, _list.RangeOf(address));
    }

    [Theory]
    [InlineData("185.220.102.1")]
    [InlineData("192.42.116.17")]
    [InlineData("11.0.0.1")]
    [InlineData("2001:67c:6ed::1")]
    [InlineData("not an address")]
    [InlineData(null)]
    public void Does_not_find_what_is_not_listed(string? address)
    {
        Assert.Null(_list.RangeOf(address));
    }

    [Fact]
    public void Holds_autonomous_systems_written_either_case()
    {
        Assert.True(_list.ContainsSystem(9009));
        Assert.True(_list.ContainsSystem(60729));
        Assert.False(_list.ContainsSystem(2119));
        Assert.Equal(7, _list.Count);
    }

    [Fact]
    public void An_IPv4_range_does_not_hold_IPv6_addresses_that_share_its_bits()
    {
        var everything4 = NetworkList.Parse("0.0.0.0/0");

        Assert.NotNull(everything4.RangeOf("198.51.100.1"));
        Assert.Null(everything4.RangeOf("2001:db8::1"));
    }

    [Fact]
    public void Every_bad_line_is_named_and_nothing_is_taken()
    {
        var error = Assert.Throws<FormatException>(() => NetworkList.Parse("185.220.101.0/24\n185.220.101.0/33\nAS\nexample.com # a host\n2001:db8::/129"));

        Assert.Equal(
            "4 bad line(s): line 2: '185.220.101.0/33' has a bad prefix length: expected 0 to 32; " +
            "line 3: 'AS' is neither an IPv4 or IPv6 address or CIDR nor an AS number (\"AS9009\"); " +
            "line 4: 'example.com' is neither an IPv4 or IPv6 address or CIDR nor an AS number (\"AS9009\"); " +
            "line 5: '2001:db8::/129' has a bad prefix length: expected 0 to 128",
            error.Message);
    }

    [Fact]
    public void Look_ups_allocate_nothing()
    {
        _list.RangeOf("185.220.101.7");
        var before = GC.GetAllocatedBytesForCurrentThread();

        _list.RangeOf("185.220.101.200");
        _list.RangeOf("2001:67c:6ec:1::5");
        _list.ContainsSystem(9009);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_empty_list_holds_nothing()
    {
        Assert.Null(NetworkList.Empty.RangeOf("185.220.101.7"));
        Assert.False(NetworkList.Empty.ContainsSystem(9009));
        Assert.Equal(0, NetworkList.Parse("# nothing yet\n\n").Count);
    }
}
