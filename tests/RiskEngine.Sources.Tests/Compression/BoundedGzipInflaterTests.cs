using System.Diagnostics;
using System.IO.Compression;
using RiskEngine.Sources.Compression;

namespace RiskEngine.Sources.Tests.Compression;

public sealed class BoundedGzipInflaterTests
{
    private const string TooLargeFor16MiB = "gzip payload inflates past the limit of 16,777,216 bytes";

    public static TheoryData<int> Sizes => new() { 0, 1, 1_000, 65_537, 300_000 };

    /// <summary>The four ways in: a span into a pooled buffer, a stream, a stream read asynchronously, a caller's buffer.</summary>
    public enum Entry
    {
        Span,
        Stream,
        StreamAsync,
        Destination,
    }

    public static TheoryData<Entry> Entries => new() { Entry.Span, Entry.Stream, Entry.StreamAsync, Entry.Destination };

    private static async Task<(GzipInflateStatus Status, byte[]? Inflated, string? Error)> InflateAsync(Entry entry, byte[] compressed, int limit, int bytesPerRead = int.MaxValue)
    {
        switch (entry)
        {
            case Entry.Destination:
                var destination = new byte[limit];
                var status = BoundedGzipInflater.TryInflate(compressed, destination, out var written, out var error);
                return (status, status == GzipInflateStatus.Inflated ? destination[..written] : null, error);
            default:
                using (var stream = new TrickleStream(compressed, bytesPerRead))
                {
                    var result = entry switch
                    {
                        Entry.Span => BoundedGzipInflater.Inflate(compressed, limit),
                        Entry.Stream => BoundedGzipInflater.Inflate(stream, limit),
                        _ => await BoundedGzipInflater.InflateAsync(stream, limit),
                    };
                    using var payload = result.Payload;
                    Assert.Equal(result.Succeeded, payload is not null);
                    Assert.Equal(result.Succeeded, result.Error is null);
                    return (result.Status, payload?.Span.ToArray(), result.Error);
                }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_single_member_inflates_to_its_content_through_every_entry(int size)
    {
        var content = GzipTestData.Text(size);
        var compressed = GzipTestData.Gzip(content);

        foreach (var entry in Enum.GetValues<Entry>())
        {
            var (status, inflated, error) = await InflateAsync(entry, compressed, GzipTestData.SixteenMiB);

            Assert.True(status == GzipInflateStatus.Inflated, $"{entry}: {error}");
            Assert.Equal(content, inflated);
        }
    }

    [Fact]
    public void Incompressible_content_inflates_too()
    {
        var content = GzipTestData.RandomBytes(100_000);

        using var payload = BoundedGzipInflater.Inflate(GzipTestData.Gzip(content, CompressionLevel.NoCompression)).Payload;

        Assert.Equal(content, payload!.Span.ToArray());
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Concatenated_members_inflate_to_their_contents_one_after_the_other(Entry entry)
    {
        // RFC 1952 2.2: a gzip file is a series of members; gzip -c a >x; gzip -c b >>x gives one.
        var first = GzipTestData.Text(40_000, seed: 1);
        var second = GzipTestData.RandomBytes(5_000);
        var third = GzipTestData.Text(10, seed: 3);
        var compressed = GzipTestData.Gzip(first).Concat(GzipTestData.Gzip(second, CompressionLevel.Fastest)).Concat(GzipTestData.Gzip([])).Concat(GzipTestData.Gzip(third)).ToArray();

        var (status, inflated, error) = await InflateAsync(entry, compressed, GzipTestData.SixteenMiB, bytesPerRead: 1_000);

        Assert.True(status == GzipInflateStatus.Inflated, error);
        Assert.Equal(first.Concat(second).Concat(third).ToArray(), inflated);
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task A_stream_read_a_byte_at_a_time_inflates_the_same(Entry entry)
    {
        var content = GzipTestData.Text(3_000);
        var compressed = GzipTestData.Gzip(content).Concat(GzipTestData.Gzip(content)).ToArray();

        var (status, inflated, _) = await InflateAsync(entry, compressed, GzipTestData.SixteenMiB, bytesPerRead: 1);

        Assert.Equal(GzipInflateStatus.Inflated, status);
        Assert.Equal(content.Concat(content).ToArray(), inflated);
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task A_payload_of_exactly_the_limit_inflates_and_one_byte_more_does_not(Entry entry)
    {
        var content = GzipTestData.Text(10_000);
        var compressed = GzipTestData.Gzip(content);

        var atLimit = await InflateAsync(entry, compressed, limit: 10_000);
        var belowLimit = await InflateAsync(entry, compressed, limit: 9_999);
        var nothingAllowed = await InflateAsync(entry, compressed, limit: 0);

        Assert.Equal(GzipInflateStatus.Inflated, atLimit.Status);
        Assert.Equal(content, atLimit.Inflated);
        Assert.Equal(GzipInflateStatus.TooLarge, belowLimit.Status);
        Assert.Equal("gzip payload inflates past the limit of 9,999 bytes", belowLimit.Error);
        Assert.Null(belowLimit.Inflated);
        Assert.Equal(GzipInflateStatus.TooLarge, nothingAllowed.Status);
    }

    [Fact]
    public void An_empty_member_inflates_to_nothing_even_with_a_limit_of_zero()
    {
        using var payload = BoundedGzipInflater.Inflate(GzipTestData.Gzip([]), maxInflatedBytes: 0).Payload;

        Assert.Equal(0, payload!.Length);
    }

    [Fact]
    public void A_gzip_bomb_is_refused_quickly_without_inflating_it_or_allocating_its_size()
    {
        var bomb = GzipTestData.Bomb;
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length:N0} bytes: a real one is about 200 KB");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = BoundedGzipInflater.Inflate(bomb, GzipTestData.SixteenMiB);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(GzipInflateStatus.TooLarge, result.Status);
        Assert.Null(result.Payload);
        Assert.Equal(TooLargeFor16MiB, result.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}: it should stop at the limit, not inflate 200 MiB");
        Assert.True(allocated < 3L * GzipTestData.SixteenMiB, $"allocated {allocated:N0} bytes for a 16 MiB limit (the bomb inflates to {GzipTestData.BombInflatedBytes:N0})");
    }

    [Fact]
    public async Task A_gzip_bomb_uploaded_as_a_request_body_is_refused()
    {
        using var body = new MemoryStream(GzipTestData.Bomb);
        var clock = Stopwatch.StartNew();

        var result = await BoundedGzipInflater.InflateAsync(body, GzipTestData.SixteenMiB);

        Assert.Equal(GzipInflateStatus.TooLarge, result.Status);
        Assert.Equal(TooLargeFor16MiB, result.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(body.Position < body.Length, "reading stopped at the limit, before the end of the bomb");
    }

    [Fact]
    public void A_gzip_bomb_into_a_callers_buffer_is_refused()
    {
        var destination = new byte[1024 * 1024];

        var status = BoundedGzipInflater.TryInflate(GzipTestData.Bomb, destination, out var written, out var error);

        Assert.Equal(GzipInflateStatus.TooLarge, status);
        Assert.Equal(0, written);
        Assert.Equal("gzip payload inflates past the limit of 1,048,576 bytes", error);
    }

    [Fact]
    public void Gzip_cut_short_anywhere_is_refused_as_corrupt()
    {
        // GZipStream alone returns what it could inflate of a truncated member as if it were all there.
        var compressed = GzipTestData.Gzip(GzipTestData.Text(2_000)).Concat(GzipTestData.Gzip(GzipTestData.Text(500, seed: 2))).ToArray();
        var firstMemberLength = GzipTestData.Gzip(GzipTestData.Text(2_000)).Length;

        for (var length = 1; length < compressed.Length; length++)
        {
            if (length == firstMemberLength)
            {
                continue; // the first member alone is valid gzip
            }

            var result = BoundedGzipInflater.Inflate(compressed.AsSpan(0, length));

            Assert.True(result.Status == GzipInflateStatus.Corrupt, $"cut to {length} of {compressed.Length} bytes: {result.Status}");
            Assert.StartsWith("not valid gzip: ", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Truncated_gzip_is_refused_through_every_entry(Entry entry)
    {
        var compressed = GzipTestData.Gzip(GzipTestData.Text(50_000));

        foreach (var cut in new[] { 1, 4, 8, 9, 100, compressed.Length / 2 })
        {
            var (status, inflated, error) = await InflateAsync(entry, compressed[..^cut], GzipTestData.SixteenMiB, bytesPerRead: 997);

            Assert.True(status == GzipInflateStatus.Corrupt, $"{entry}, {cut} bytes cut: {status}");
            Assert.Null(inflated);
            Assert.StartsWith("not valid gzip: ", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x1f })]
    [InlineData(new byte[] { 0x1f, 0x8b })]
    [InlineData(new byte[] { (byte)'{', (byte)'}' })]
    public void Bytes_after_the_last_member_are_refused(byte[] trailing)
    {
        var compressed = GzipTestData.Gzip(GzipTestData.Text(1_000)).Concat(trailing).ToArray();

        var result = BoundedGzipInflater.Inflate(compressed);

        Assert.Equal(GzipInflateStatus.Corrupt, result.Status);
        Assert.StartsWith("not valid gzip: ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-8, "CRC-32")]
    [InlineData(-2, "length")]
    [InlineData(12, "deflate data")]
    public void A_corrupted_byte_is_refused(int position, string corrupted)
    {
        var compressed = GzipTestData.Gzip(GzipTestData.Text(5_000));
        compressed[position < 0 ? compressed.Length + position : position] ^= 0x55;

        var result = BoundedGzipInflater.Inflate(compressed);

        Assert.True(result.Status == GzipInflateStatus.Corrupt, $"corrupted {corrupted}: {result.Status}");
        Assert.StartsWith("not valid gzip: ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0], "not valid gzip: the payload is empty")]
    [InlineData(new byte[] { (byte)'[', (byte)'{' }, "not valid gzip: it does not start with the gzip magic bytes 1f 8b")]
    [InlineData(new byte[] { 0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3 }, "not valid gzip: compression method 7 is not deflate (8)")]
    public async Task What_is_not_gzip_is_refused_saying_why(byte[] input, string expected)
    {
        var fromSpan = BoundedGzipInflater.Inflate(input);
        var fromStream = await BoundedGzipInflater.InflateAsync(new MemoryStream(input));
        var intoBuffer = BoundedGzipInflater.TryInflate(input, new byte[100], out _, out var bufferError);

        Assert.Equal((GzipInflateStatus.Corrupt, expected), (fromSpan.Status, fromSpan.Error));
        Assert.Equal((GzipInflateStatus.Corrupt, expected), (fromStream.Status, fromStream.Error));
        Assert.Equal((GzipInflateStatus.Corrupt, expected), (intoBuffer, bufferError));
    }

    [Fact]
    public void IsGzip_looks_at_the_magic_bytes()
    {
        Assert.True(BoundedGzipInflater.IsGzip(GzipTestData.Gzip("x")));
        Assert.False(BoundedGzipInflater.IsGzip("{}"u8));
        Assert.False(BoundedGzipInflater.IsGzip([0x1f]));
        Assert.False(BoundedGzipInflater.IsGzip([]));
    }

    [Fact]
    public void A_payload_gives_its_buffer_back_once_and_is_unreadable_after()
    {
        var payload = BoundedGzipInflater.Inflate(GzipTestData.Gzip("hello")).Payload!;
        Assert.Equal("hello"u8.ToArray(), payload.Memory.ToArray());

        payload.Dispose();
        payload.Dispose();

        Assert.Throws<ObjectDisposedException>(() => payload.Span.Length);
    }

    [Fact]
    public void A_negative_limit_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedGzipInflater.Inflate(GzipTestData.Gzip("x"), -1));
    }
}
