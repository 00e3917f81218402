using System.IO.Compression;
using System.Text;

namespace RiskEngine.Sources.Tests.Compression;

/// <summary>Gzip payloads for the tests, made with <see cref="GZipStream"/>: members, bombs, broken ones.</summary>
public static class GzipTestData
{
    /// <summary>The default inflate limit: 16 MiB.</summary>
    public const int SixteenMiB = 16 * 1024 * 1024;

    /// <summary>The size of <see cref="Bomb"/> once inflated: 200 MiB of zeros.</summary>
    public const long BombInflatedBytes = 200L * 1024 * 1024;

    private static readonly Lazy<byte[]> LazyBomb = new(BuildBomb);

    /// <summary>200 MiB of zeros compressed to about 200 KB, built once (it takes a moment) and shared.</summary>
    public static byte[] Bomb => LazyBomb.Value;

    /// <summary>
    /// A member of no content, as gzip writes it: header, an empty final deflate block, CRC-32 0, length 0.
    /// (GZipStream writes nothing at all when given nothing.)
    /// </summary>
    public static byte[] EmptyMember => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary><paramref name="content"/> as one gzip member (<see cref="EmptyMember"/> when it is empty).</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> content, CompressionLevel level = CompressionLevel.Optimal)
    {
        if (content.IsEmpty)
        {
            return EmptyMember;
        }

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, level, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }

    public static byte[] Gzip(string content) => Gzip(Encoding.UTF8.GetBytes(content));

    /// <summary>Text that compresses as JSON does: repetitive, but not all one byte.</summary>
    public static byte[] Text(int length, int seed = 7)
    {
        var random = new Random(seed);
        var words = new[] { "\"decision_id\":", "\"input\":{", "\"user\":\"alice\"", "},", "[", "]", " ", "\"path\":\"app/authz\"", "true", "42" };
        var text = new StringBuilder(length + 32);
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]);
        }

        return Encoding.UTF8.GetBytes(text.ToString(0, length));
    }

    public static byte[] RandomBytes(int length, int seed = 11)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] BuildBomb()
    {
        var zeros = new byte[64 * 1024];
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (long written = 0; written < BombInflatedBytes; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }

        return compressed.ToArray();
    }
}

/// <summary>A stream handing out at most a few bytes per read, as a slow network does.</summary>
public sealed class TrickleStream(byte[] content, int bytesPerRead) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(Math.Min(bytesPerRead, buffer.Length), content.Length - _position);
        content.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
