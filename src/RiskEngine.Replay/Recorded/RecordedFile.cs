using System.IO.Compression;
using RiskEngine.Pipeline;
using RiskEngine.Sources;

namespace RiskEngine.Replay.Recorded;

/// <summary>
/// A recorded file: JSON lines, one message per line (what <c>riskengine simulate --output-dir</c> writes and what
/// a Kafka or Event Hubs capture exported as lines looks like), or, for a <c>.json</c> file, the whole file as one
/// message (an exported Graph <c>signIn</c> page, an Event Hubs envelope). Either may be gzip-compressed (<c>.gz</c>).
/// Files carry no broker time, so event times are not judged against one.
/// </summary>
public sealed class RecordedFile : IRecordedMessages
{
    private const int InitialBuffer = 1 << 16;

    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly bool _wholeFile;
    private readonly int _maxMessageBytes;
    private readonly long _length;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private bool _exhausted;
    private long _line;
    private long _positionRead;

    /// <param name="maxMessageBytes">A line longer than this is handed on cut at the limit plus one byte, so the decode stage refuses it as oversized instead of the reader buffering without end.</param>
    public RecordedFile(string path, SourceFormat format, int maxMessageBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Name = path;
        Format = format;
        _maxMessageBytes = maxMessageBytes;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _length = Math.Max(1, _file.Length);
        var compressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        _stream = compressed ? new GZipStream(_file, CompressionMode.Decompress) : _file;
        var inner = compressed ? path[..^3] : path;
        _wholeFile = inner.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public SourceFormat Format { get; }

    public double Done => Volatile.Read(ref _positionRead) / (double)_length;

    public bool TryRead(out InputMessage message)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = _wholeFile ? -1 : available.IndexOf((byte)'\n');
            if (newline >= 0 || (_exhausted && available.Length > 0) || available.Length > _maxMessageBytes)
            {
                var length = newline >= 0 ? newline : Math.Min(available.Length, _maxMessageBytes + 1);
                var value = _buffer.AsMemory(_start, length);
                _start += newline >= 0 ? newline + 1 : length;
                if (newline < 0 && length > _maxMessageBytes)
                {
                    SkipRestOfLine();
                }

                _line++;
                if (IsBlank(value.Span))
                {
                    continue;
                }

                message = new InputMessage(Name, 0, _line, ReadOnlyMemory<byte>.Empty, TrimCarriageReturn(value), Timestamp: null);
                return true;
            }

            if (_exhausted)
            {
                message = default;
                return false;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _exhausted = read == 0;
        Volatile.Write(ref _positionRead, _file.Position);
    }

    // An oversized message has been handed on cut; what is left of it (up to its newline, or of the whole file) is not another message.
    private void SkipRestOfLine()
    {
        while (true)
        {
            var newline = _wholeFile ? -1 : _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }

            _start = _end;
            if (_exhausted)
            {
                return;
            }

            Fill();
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
