using RiskEngine.Core.Networks;

namespace RiskEngine.Core.Tests.Networks;

public sealed class IpAddressParserTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("1::", "1::")]
    [InlineData("fe80::1%eth0", "fe80::1")]
    [InlineData("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0")]
    public void Reads_what_IPAddress_reads(string text, string same)
    {
        Assert.True(IpAddressParser.TryParse(text, out var address));

        Assert.Equal(Reference(same), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("203.0.113")]
    [InlineData("203.0.113.256")]
    [InlineData("203.0.113.07")]
    [InlineData("203.0.113.7.1")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1::2::3")]
    [InlineData("1:::2")]
    [InlineData(":1:2")]
    [InlineData("1:2:")]
    [InlineData("12345::")]
    [InlineData("g::1")]
    [InlineData("unknown")]
    public void Refuses_what_is_not_an_address(string text)
    {
        Assert.False(IpAddressParser.TryParse(text, out _));
    }

    [Fact]
    public void Tells_IPv4_from_IPv6()
    {
        Assert.True(IpAddressParser.TryParse("192.0.2.1", out var v4));
        Assert.True(IpAddressParser.TryParse("2001:db8::1", out var v6));

        Assert.True(IpAddressParser.IsIPv4(v4));
        Assert.False(IpAddressParser.IsIPv4(v6));
    }

    [Fact]
    public void Parsing_allocates_nothing()
    {
        var warm = IpAddressParser.TryParse("2001:db8::1", out _);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var parsed = IpAddressParser.TryParse("203.0.113.7", out _) & IpAddressParser.TryParse("2001:db8:85a3::8a2e:370:7334", out _);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(warm && parsed);
    }

    /// <summary>The address as .NET's own parser reads it, IPv4 mapped into IPv6.</summary>
    private static UInt128 Reference(string text)
    {
        var bytes = System.Net.IPAddress.Parse(text).MapToIPv6().GetAddressBytes();
        return new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)));
    }
}
