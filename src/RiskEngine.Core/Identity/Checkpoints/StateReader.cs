using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace RiskEngine.Core.Identity.Checkpoints;

/// <summary>Reads what <see cref="StateWriter"/> wrote; a truncated or malformed input throws <see cref="InvalidDataException"/>.</summary>
internal ref struct StateReader(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;
    private int _position;

    public readonly int Position => _position;

    public readonly bool AtEnd => _position == _input.Length;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"Identity checkpoint: {other} at byte {_position - 1} is not a boolean."),
    };

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public ulong ReadUInt64() => unchecked((ulong)ReadInt64());

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(sizeof(uint)));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public float ReadSingle() => BitConverter.UInt32BitsToSingle(ReadUInt32());

    public int ReadCount()
    {
        var value = 0u;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var next = ReadByte();
            value |= (uint)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value <= int.MaxValue ? (int)value : throw Malformed("a count past int.MaxValue");
            }
        }

        throw Malformed("a count longer than 5 bytes");
    }

    /// <summary>A count that must not exceed <paramref name="max"/>, so a corrupt checkpoint cannot ask for a huge array.</summary>
    public int ReadCount(int max)
    {
        var count = ReadCount();
        return count <= max ? count : throw Malformed($"a count of {count} where at most {max} fit");
    }

    public string? ReadString()
    {
        var lengthPlusOne = ReadCount();
        return lengthPlusOne == 0 ? null : Encoding.UTF8.GetString(Take(lengthPlusOne - 1));
    }

    public void ReadUInt32s(Span<uint> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadUInt32();
        }
    }

    public T ReadRaw<T>()
        where T : unmanaged => MemoryMarshal.Read<T>(Take(Unsafe.SizeOf<T>()));

    public readonly InvalidDataException Malformed(string what) =>
        new($"Identity checkpoint: {what} at byte {_position}.");

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _input.Length - _position)
        {
            throw Malformed($"{length} bytes wanted, {_input.Length - _position} left");
        }

        var taken = _input.Slice(_position, length);
        _position += length;
        return taken;
    }
}
