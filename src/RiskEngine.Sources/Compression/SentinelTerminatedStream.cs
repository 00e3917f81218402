namespace RiskEngine.Sources.Compression;

/// <summary>
/// The compressed input as <see cref="System.IO.Compression.GZipStream"/> reads it: <c>head</c> (bytes already
/// in memory), then <c>body</c> (the rest of a caller's stream, if any), then the end-of-input sentinel member.
/// Read-only, forward-only; it does not own <c>body</c>.
/// </summary>
internal sealed class SentinelTerminatedStream(ReadOnlyMemory<byte> head, Stream? body, ReadOnlyMemory<byte> sentinel) : Stream
{
    private ReadOnlyMemory<byte> _head = head;
    private Stream? _body = body;
    private ReadOnlyMemory<byte> _sentinel = sentinel;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (TakeFromMemory(ref _head, buffer) is var fromHead and > 0)
        {
            return fromHead;
        }

        if (_body is not null)
        {
            var read = _body.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _body = null;
        }

        return TakeFromMemory(ref _sentinel, buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (TakeFromMemory(ref _head, buffer.Span) is var fromHead and > 0)
        {
            return fromHead;
        }

        if (_body is not null)
        {
            var read = await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return read;
            }

            _body = null;
        }

        return TakeFromMemory(ref _sentinel, buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static int TakeFromMemory(ref ReadOnlyMemory<byte> source, Span<byte> destination)
    {
        var count = Math.Min(source.Length, destination.Length);
        source.Span[..count].CopyTo(destination);
        source = source[count..];
        return count;
    }
}
