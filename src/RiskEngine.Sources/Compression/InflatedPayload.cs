using System.Buffers;

namespace RiskEngine.Sources.Compression;

/// <summary>
/// Inflated bytes in a buffer rented from <see cref="ArrayPool{T}.Shared"/>. Dispose it once done with the
/// bytes (they are then handed to other renters); disposing twice is harmless, reading after it throws.
/// </summary>
public sealed class InflatedPayload : IDisposable
{
    private byte[]? _buffer;

    internal InflatedPayload(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(Buffer, 0, Length);

    public ReadOnlyMemory<byte> Memory => new(Buffer, 0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(InflatedPayload));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
