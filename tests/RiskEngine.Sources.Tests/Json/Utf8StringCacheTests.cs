using System.Text;
using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Tests.Json;

public class Utf8StringCacheTests
{
    [Fact]
    public void The_same_bytes_give_the_same_string()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 64);

        var first = cache.GetOrAdd("Office 365 Exchange Online"u8);
        var second = cache.GetOrAdd("Office 365 Exchange Online"u8.ToArray());

        Assert.Equal("Office 365 Exchange Online", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_value_that_is_not_ascii_is_found_too()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 64);
        var city = Encoding.UTF8.GetBytes("Göteborg"); // 9 bytes, 8 characters

        var first = cache.GetOrAdd(city);

        Assert.Equal("Göteborg", first);
        Assert.Same(first, cache.GetOrAdd(city));
    }

    [Fact]
    public void Values_of_the_same_characters_but_other_bytes_are_told_apart()
    {
        var cache = new Utf8StringCache(slots: 2, maxLength: 64);

        // With two slots every value hashes to both: each lookup compares against what they hold.
        Assert.Equal("Göteborg", cache.GetOrAdd(Encoding.UTF8.GetBytes("Göteborg")));
        Assert.Equal("Goteborg", cache.GetOrAdd("Goteborg"u8));
        Assert.Equal("Göteborg", cache.GetOrAdd(Encoding.UTF8.GetBytes("Göteborg")));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_give_null()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 64);

        Assert.Null(cache.GetOrAdd([(byte)'a', 0xC3]));
        Assert.Null(cache.GetOrAdd([(byte)'a', 0xC3]));
    }

    [Fact]
    public void Every_value_gets_the_prefix_and_is_found_by_its_bytes_alone()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 64, prefix: "entra:");

        var first = cache.GetOrAdd("AuditLogs"u8);

        Assert.Equal("entra:AuditLogs", first);
        Assert.Same(first, cache.GetOrAdd("AuditLogs"u8));
        Assert.Equal("entra:entra:AuditLogs", cache.GetOrAdd("entra:AuditLogs"u8));
    }

    [Fact]
    public void Values_longer_than_the_limit_are_decoded_each_time()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 4);

        var first = cache.GetOrAdd("Windows"u8);

        Assert.Equal("Windows", first);
        Assert.NotSame(first, cache.GetOrAdd("Windows"u8));
    }

    [Fact]
    public void An_escaped_token_is_cached_by_its_text()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 64);
        var plain = cache.GetOrAdd("Oslo"u8);

        Assert.Same(plain, ReadString(cache, "\"O\\u0073lo\""u8));
    }

    [Fact]
    public void An_escape_that_is_no_text_gives_null()
    {
        var cache = new Utf8StringCache(slots: 16, maxLength: 64);

        Assert.Null(ReadString(cache, "\"\\uD800\""u8)); // a lone surrogate
    }

    [Fact]
    public void Values_that_differ_only_in_their_last_bytes_stay_cached()
    {
        // 1,000 pod addresses in 2,048 slots: with every byte reaching both slot choices, nearly all stay (about 92%
        // in a simulation); when the bytes at the end reached only one choice, fewer than a fifth did.
        var cache = new Utf8StringCache(slots: 2048, maxLength: 64);
        var addresses = Enumerable.Range(0, 1000).Select(i => Encoding.UTF8.GetBytes($"10.244.{(i + 3) % 7}.{(i * 13) % 250}")).ToArray();
        var first = addresses.Select(a => cache.GetOrAdd(a)).ToArray();

        var kept = addresses.Where((a, i) => ReferenceEquals(cache.GetOrAdd(a), first[i])).Count();

        Assert.True(kept >= 800, $"{kept} of 1,000 addresses stayed cached");
    }

    [Fact]
    public void The_limit_on_cached_length_is_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8StringCache(maxLength: 1025));
    }

    private static string? ReadString(Utf8StringCache cache, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return cache.GetOrAdd(ref reader);
    }
}
