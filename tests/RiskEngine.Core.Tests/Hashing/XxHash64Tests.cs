using System.Text;
using RiskEngine.Core.Hashing;

namespace RiskEngine.Core.Tests.Hashing;

/// <summary>XXH64 against values from the reference implementation (the xxhash C library, through Python's xxhash).</summary>
public sealed class XxHash64Tests
{
    [Theory]
    [InlineData("", 0xef46db3751d8e999UL)]
    [InlineData("a", 0xd24ec4f1a98c6e5bUL)]
    [InlineData("abc", 0x44bc2cf5ad770999UL)]
    [InlineData("0123456789abcdef0123456789abcdef!", 0x8afff4daac4e677eUL)]
    public void Hash_matches_the_reference_implementation(string text, ulong expected)
    {
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData(4, 0xffced8604453cc1eUL)]
    [InlineData(5, 0xdd0274386e26030cUL)]
    [InlineData(12, 0x424af23f1f08dca5UL)]
    [InlineData(13, 0x13d17c4c779723a8UL)]
    [InlineData(36, 0xdde0ef85e3aef05cUL)]
    [InlineData(39, 0x00a396ef1679a859UL)]
    [InlineData(40, 0xf5da40f1b11741e9UL)]
    public void Every_tail_after_the_32_byte_stripes_matches(int length, ulong expected)
    {
        // Bytes 0, 1, 2...: lengths that end in the 4-byte, 1-byte and 8-byte tails, with and without a stripe.
        Assert.Equal(expected, XxHash64.Hash([.. Enumerable.Range(0, length).Select(i => (byte)i)]));
    }

    [Fact]
    public void A_kilobyte_input_matches()
    {
        var data = Enumerable.Range(0, 4).SelectMany(_ => Enumerable.Range(0, 256).Select(i => (byte)i)).Concat("xyz"u8.ToArray()).ToArray();

        Assert.Equal(0xe146cb31b65bc21aUL, XxHash64.Hash(data));
    }

    [Fact]
    public void Text_is_hashed_as_its_utf16_little_endian_bytes()
    {
        const string Destination = "payments-db.prod.svc.cluster.local";

        Assert.Equal(XxHash64.Hash(Encoding.Unicode.GetBytes(Destination)), XxHash64.HashUtf16(Destination));
        Assert.NotEqual(XxHash64.HashUtf16(Destination), XxHash64.HashUtf16(Destination.ToUpperInvariant()));
    }
}
