using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace RiskEngine.Core.Identity.Checkpoints;

/// <summary>
/// Writes identity state little-endian into a buffer: fixed-width numbers, variable-length counts and lengths, UTF-8
/// strings, and the inline structs that hold no references byte for byte. What <see cref="StateReader"/> reads.
/// </summary>
internal readonly ref struct StateWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(sizeof(long)), value);
        _output.Advance(sizeof(long));
    }

    public void WriteUInt64(ulong value) => WriteInt64(unchecked((long)value));

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(sizeof(uint)), value);
        _output.Advance(sizeof(uint));
    }

    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public void WriteSingle(float value) => WriteUInt32(BitConverter.SingleToUInt32Bits(value));

    /// <summary>A non-negative count or length in 1 to 5 bytes, 7 bits a byte.</summary>
    public void WriteCount(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            WriteByte((byte)(remaining | 0x80));
            remaining >>= 7;
        }

        WriteByte((byte)remaining);
    }

    /// <summary>A string as its UTF-8 length plus one (0 for null), then its bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteCount(0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(length + 1);
        Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(length);
    }

    public void WriteUInt32s(ReadOnlySpan<uint> values)
    {
        foreach (var value in values)
        {
            WriteUInt32(value);
        }
    }

    /// <summary>
    /// A struct of numbers only (no references), byte for byte: the inline histories and series, whose layout the
    /// checkpoint format version pins (a test fails when one changes size).
    /// </summary>
    public void WriteRaw<T>(in T value)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));
        bytes.CopyTo(_output.GetSpan(Unsafe.SizeOf<T>()));
        _output.Advance(bytes.Length);
    }
}
