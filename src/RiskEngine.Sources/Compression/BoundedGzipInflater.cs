using System.Buffers;
using System.Globalization;
using System.IO.Compression;

namespace RiskEngine.Sources.Compression;

/// <summary>
/// Inflates gzip (RFC 1952, one member or several concatenated, as gzip allows) into a pooled or
/// caller-provided buffer, refusing what is corrupt and what inflates past a limit. It streams: output is
/// counted as it comes and inflating stops just past the limit, so a gzip bomb (gigabytes of zeros in a few
/// hundred kilobytes) costs no more memory or time than the limit itself.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="GZipStream"/> verifies the CRC-32 and length of every member it finishes, but reports input that
/// stops inside a member (a truncated upload) as a clean end, and ignores bytes after the last member. So the
/// input is followed by a small sentinel member of known content: inflating must end with the sentinel's
/// content, which happens only when every member before it ended exactly where the next began, trailers
/// included. Anything else (truncated input, trailing garbage) leaves the sentinel unread or garbled.
/// </para>
/// <para>
/// The limit bounds the inflated size, not the compressed input: the caller bounds that (a Kafka message
/// limit, Kestrel's request body limit).
/// </para>
/// </remarks>
public static class BoundedGzipInflater
{
    /// <summary>The default limit on the inflated size: 16 MiB.</summary>
    public const int DefaultMaxInflatedBytes = 16 * 1024 * 1024;

    private const int MinInitialCapacity = 4 * 1024;
    private const int StreamInitialCapacity = 16 * 1024;
    private const string CorruptData = "not valid gzip: the compressed data is corrupt (invalid deflate data, or a member whose CRC-32 or length does not match its content)";
    private const string TruncatedOrTrailing = "not valid gzip: truncated, or followed by bytes that are not a gzip member";

    // Content no real payload has reason to end with; uncompressed (a stored block) so it is read verbatim.
    private static readonly byte[] SentinelContent = "\n#riskengine:end-of-gzip-input:v1#\n"u8.ToArray();
    private static readonly byte[] SentinelMember = CompressSentinel();

    /// <summary>Whether <paramref name="data"/> starts with the gzip magic bytes <c>1f 8b</c>.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    /// <summary>The error text for a payload that inflates past <paramref name="maxInflatedBytes"/>.</summary>
    public static string DescribeLimitExceeded(int maxInflatedBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"gzip payload inflates past the limit of {maxInflatedBytes:N0} bytes");

    /// <summary>Inflates <paramref name="compressed"/> into a pooled buffer of at most <paramref name="maxInflatedBytes"/>.</summary>
    public static GzipInflateResult Inflate(ReadOnlySpan<byte> compressed, int maxInflatedBytes = DefaultMaxInflatedBytes)
    {
        ValidateLimit(maxInflatedBytes);
        if (CheckHeader(compressed) is { } headerError)
        {
            return GzipInflateResult.Failed(GzipInflateStatus.Corrupt, headerError);
        }

        // GZipStream reads streams only: the compressed bytes are copied once, into a pooled array.
        var input = ArrayPool<byte>.Shared.Rent(compressed.Length);
        try
        {
            compressed.CopyTo(input);
            using var source = new SentinelTerminatedStream(input.AsMemory(0, compressed.Length), null, SentinelMember);
            var initial = (int)Math.Min(Math.Max(compressed.Length * 8L, MinInitialCapacity), maxInflatedBytes);
            return InflateToPool(source, maxInflatedBytes, initial);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>Inflates what remains of <paramref name="compressed"/> (an HTTP request body, say) into a pooled buffer.</summary>
    public static GzipInflateResult Inflate(Stream compressed, int maxInflatedBytes = DefaultMaxInflatedBytes)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ValidateLimit(maxInflatedBytes);
        var head = new byte[3];
        var headLength = 0;
        while (headLength < head.Length && compressed.Read(head, headLength, head.Length - headLength) is var read and > 0)
        {
            headLength += read;
        }

        if (CheckHeader(head.AsSpan(0, headLength)) is { } headerError)
        {
            return GzipInflateResult.Failed(GzipInflateStatus.Corrupt, headerError);
        }

        using var source = new SentinelTerminatedStream(head.AsMemory(0, headLength), compressed, SentinelMember);
        return InflateToPool(source, maxInflatedBytes, Math.Min(StreamInitialCapacity, maxInflatedBytes));
    }

    /// <summary>
    /// Inflates what remains of <paramref name="compressed"/> into a pooled buffer, reading it asynchronously (as
    /// Kestrel requires of request bodies).
    /// </summary>
    public static async ValueTask<GzipInflateResult> InflateAsync(Stream compressed, int maxInflatedBytes = DefaultMaxInflatedBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ValidateLimit(maxInflatedBytes);
        var head = new byte[3];
        var headLength = 0;
        while (headLength < head.Length && await compressed.ReadAsync(head.AsMemory(headLength), cancellationToken).ConfigureAwait(false) is var read and > 0)
        {
            headLength += read;
        }

        if (CheckHeader(head.AsSpan(0, headLength)) is { } headerError)
        {
            return GzipInflateResult.Failed(GzipInflateStatus.Corrupt, headerError);
        }

        var source = new SentinelTerminatedStream(head.AsMemory(0, headLength), compressed, SentinelMember);
        await using (source.ConfigureAwait(false))
        {
            var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                byte[]? buffer = ArrayPool<byte>.Shared.Rent(Math.Min(StreamInitialCapacity, maxInflatedBytes));
                var written = 0;
                try
                {
                    while (true)
                    {
                        if (written == buffer.Length && buffer.Length < maxInflatedBytes)
                        {
                            buffer = Grow(buffer, written, maxInflatedBytes);
                        }

                        var free = Math.Min(buffer.Length, maxInflatedBytes) - written;
                        if (free == 0)
                        {
                            break;
                        }

                        var read = await gzip.ReadAsync(buffer.AsMemory(written, free), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return Complete(ref buffer, written, [], maxInflatedBytes);
                        }

                        written += read;
                    }

                    // Full to the limit: what follows may only be the sentinel's content.
                    var overflow = new byte[SentinelContent.Length + 1];
                    var overflowLength = 0;
                    while (overflowLength < overflow.Length && await gzip.ReadAsync(overflow.AsMemory(overflowLength), cancellationToken).ConfigureAwait(false) is var read and > 0)
                    {
                        overflowLength += read;
                    }

                    return Complete(ref buffer, written, overflow.AsSpan(0, overflowLength), maxInflatedBytes);
                }
                catch (InvalidDataException)
                {
                    return GzipInflateResult.Failed(GzipInflateStatus.Corrupt, CorruptData);
                }
                finally
                {
                    if (buffer is not null)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Inflates <paramref name="compressed"/> into <paramref name="destination"/>, whose length is the limit:
    /// no buffer is rented for the output. On success <paramref name="bytesWritten"/> bytes of it hold the payload.
    /// </summary>
    public static GzipInflateStatus TryInflate(ReadOnlySpan<byte> compressed, Span<byte> destination, out int bytesWritten, out string? error)
    {
        bytesWritten = 0;
        if (CheckHeader(compressed) is { } headerError)
        {
            error = headerError;
            return GzipInflateStatus.Corrupt;
        }

        var input = ArrayPool<byte>.Shared.Rent(compressed.Length);
        try
        {
            compressed.CopyTo(input);
            using var source = new SentinelTerminatedStream(input.AsMemory(0, compressed.Length), null, SentinelMember);
            using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            var written = 0;
            while (written < destination.Length)
            {
                var read = gzip.Read(destination[written..]);
                if (read == 0)
                {
                    return Verify(destination[..written], [], destination.Length, out bytesWritten, out error);
                }

                written += read;
            }

            Span<byte> overflow = stackalloc byte[SentinelContent.Length + 1];
            var overflowLength = ReadOverflow(gzip, overflow);
            return Verify(destination[..written], overflow[..overflowLength], destination.Length, out bytesWritten, out error);
        }
        catch (InvalidDataException)
        {
            error = CorruptData;
            return GzipInflateStatus.Corrupt;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    private static GzipInflateResult InflateToPool(Stream source, int maxInflatedBytes, int initialCapacity)
    {
        using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
        byte[]? buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        var written = 0;
        try
        {
            while (true)
            {
                if (written == buffer.Length && buffer.Length < maxInflatedBytes)
                {
                    buffer = Grow(buffer, written, maxInflatedBytes);
                }

                var free = Math.Min(buffer.Length, maxInflatedBytes) - written;
                if (free == 0)
                {
                    break;
                }

                var read = gzip.Read(buffer, written, free);
                if (read == 0)
                {
                    return Complete(ref buffer, written, [], maxInflatedBytes);
                }

                written += read;
            }

            // Full to the limit: what follows may only be the sentinel's content.
            Span<byte> overflow = stackalloc byte[SentinelContent.Length + 1];
            var overflowLength = ReadOverflow(gzip, overflow);
            return Complete(ref buffer, written, overflow[..overflowLength], maxInflatedBytes);
        }
        catch (InvalidDataException)
        {
            return GzipInflateResult.Failed(GzipInflateStatus.Corrupt, CorruptData);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Turns the output into a result; on success the buffer passes to the payload (and <paramref name="buffer"/> is nulled).</summary>
    private static GzipInflateResult Complete(ref byte[]? buffer, int written, ReadOnlySpan<byte> overflow, int maxInflatedBytes)
    {
        var status = Verify(buffer.AsSpan(0, written), overflow, maxInflatedBytes, out var payloadLength, out var error);
        if (status != GzipInflateStatus.Inflated)
        {
            return GzipInflateResult.Failed(status, error!);
        }

        var payload = new InflatedPayload(buffer!, payloadLength);
        buffer = null;
        return GzipInflateResult.Inflated(payload);
    }

    private static int ReadOverflow(Stream gzip, Span<byte> overflow)
    {
        var length = 0;
        while (length < overflow.Length && gzip.Read(overflow[length..]) is var read and > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>
    /// Checks that the output (<paramref name="body"/> then <paramref name="overflow"/>) ends with the sentinel's
    /// content and nothing after it; the payload is what comes before.
    /// </summary>
    private static GzipInflateStatus Verify(ReadOnlySpan<byte> body, ReadOnlySpan<byte> overflow, int maxInflatedBytes, out int payloadLength, out string? error)
    {
        payloadLength = 0;
        var sentinel = SentinelContent.AsSpan();
        if (overflow.Length > sentinel.Length)
        {
            error = DescribeLimitExceeded(maxInflatedBytes);
            return GzipInflateStatus.TooLarge;
        }

        var inBody = sentinel.Length - overflow.Length;
        if (body.Length < inBody || !body[^inBody..].SequenceEqual(sentinel[..inBody]) || !overflow.SequenceEqual(sentinel[inBody..]))
        {
            error = TruncatedOrTrailing;
            return GzipInflateStatus.Corrupt;
        }

        payloadLength = body.Length - inBody;
        error = null;
        return GzipInflateStatus.Inflated;
    }

    private static byte[] Grow(byte[] buffer, int written, int maxInflatedBytes)
    {
        var capacity = (int)Math.Min((long)buffer.Length * 2, maxInflatedBytes);
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, MinInitialCapacity));
        buffer.AsSpan(0, written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }

    private static string? CheckHeader(ReadOnlySpan<byte> start)
    {
        if (start.IsEmpty)
        {
            return "not valid gzip: the payload is empty";
        }

        if (!IsGzip(start))
        {
            return "not valid gzip: it does not start with the gzip magic bytes 1f 8b";
        }

        return start.Length >= 3 && start[2] != 8
            ? string.Create(CultureInfo.InvariantCulture, $"not valid gzip: compression method {start[2]} is not deflate (8)")
            : null;
    }

    private static void ValidateLimit(int maxInflatedBytes) =>
        ArgumentOutOfRangeException.ThrowIfNegative(maxInflatedBytes);

    private static byte[] CompressSentinel()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.NoCompression, leaveOpen: true))
        {
            gzip.Write(SentinelContent);
        }

        return compressed.ToArray();
    }
}
