using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RiskEngine.Sources.Json;

/// <summary>
/// Finds where a JSON value ends, checking the grammar as strictly as <see cref="System.Text.Json.Utf8JsonReader"/>
/// with its default options does (no comments, no trailing commas, RFC 8259 numbers, literals, string escapes and
/// white space), but without producing tokens: several times faster over the large subtrees a decoder does not
/// read. It only ever answers "the value is valid and ends here" or "not sure"; on "not sure" the caller falls
/// back to the reader, which then reports the real error, so this never accepts what the reader would refuse.
/// </summary>
internal static class JsonSkipper
{
    /// <summary>
    /// The index just past the value that starts at <paramref name="start"/> (after optional white space), or -1 when
    /// the input there is not certainly one valid value nested at most <paramref name="maxNesting"/> containers deep.
    /// </summary>
    public static int SkipValue(ReadOnlySpan<byte> input, int start, int maxNesting)
    {
        var arrays = 0UL; // bit k: the container at nesting k is an array (else an object)
        var depth = 0;
        var i = start;

    Value:
        i = SkipWhiteSpace(input, i);
        if ((uint)i >= (uint)input.Length)
        {
            return -1;
        }

        switch (input[i])
        {
            case (byte)'{':
                if (depth >= maxNesting || depth >= 63)
                {
                    return -1;
                }

                arrays &= ~(1UL << depth);
                depth++;
                i = SkipWhiteSpace(input, i + 1);
                if ((uint)i >= (uint)input.Length)
                {
                    return -1;
                }

                if (input[i] == (byte)'}')
                {
                    depth--;
                    i++;
                    goto AfterValue;
                }

                goto Name;
            case (byte)'[':
                if (depth >= maxNesting || depth >= 63)
                {
                    return -1;
                }

                arrays |= 1UL << depth;
                depth++;
                i = SkipWhiteSpace(input, i + 1);
                if ((uint)i >= (uint)input.Length)
                {
                    return -1;
                }

                if (input[i] == (byte)']')
                {
                    depth--;
                    i++;
                    goto AfterValue;
                }

                goto Value;
            case (byte)'"':
                i = SkipStringBody(input, i + 1);
                if (i < 0)
                {
                    return -1;
                }

                goto AfterValue;
            case (byte)'t':
                if (!input[i..].StartsWith("true"u8))
                {
                    return -1;
                }

                i += 4;
                goto AfterValue;
            case (byte)'f':
                if (!input[i..].StartsWith("false"u8))
                {
                    return -1;
                }

                i += 5;
                goto AfterValue;
            case (byte)'n':
                if (!input[i..].StartsWith("null"u8))
                {
                    return -1;
                }

                i += 4;
                goto AfterValue;
            default:
                i = SkipNumber(input, i);
                if (i < 0)
                {
                    return -1;
                }

                goto AfterValue;
        }

    Name:
        // On the first non-blank byte where an object member must start.
        if (input[i] != (byte)'"')
        {
            return -1;
        }

        i = SkipStringBody(input, i + 1);
        if (i < 0)
        {
            return -1;
        }

        i = SkipWhiteSpace(input, i);
        if ((uint)i >= (uint)input.Length || input[i] != (byte)':')
        {
            return -1;
        }

        i++;
        goto Value;

    AfterValue:
        if (depth == 0)
        {
            // The caller checks what follows a scalar (a delimiter), as it knows which delimiters fit there.
            return i;
        }

        i = SkipWhiteSpace(input, i);
        if ((uint)i >= (uint)input.Length)
        {
            return -1;
        }

        var inArray = ((arrays >> (depth - 1)) & 1) != 0;
        var next = input[i];
        if (next == (byte)',')
        {
            i = SkipWhiteSpace(input, i + 1);
            if ((uint)i >= (uint)input.Length)
            {
                return -1;
            }

            if (inArray)
            {
                goto Value;
            }

            goto Name;
        }

        if (next == (inArray ? (byte)']' : (byte)'}'))
        {
            depth--;
            i++;
            goto AfterValue;
        }

        return -1;
    }

    /// <summary>The index just past the closing quote of a string whose opening quote is before <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipStringBody(ReadOnlySpan<byte> input, int i)
    {
        while (true)
        {
            i = IndexOfStringSpecial(input, i);
            if (i < 0)
            {
                return -1;
            }

            var special = input[i];
            if (special == (byte)'"')
            {
                return i + 1;
            }

            if (special != (byte)'\\' || (uint)(i + 1) >= (uint)input.Length)
            {
                return -1; // a raw control character, or input ending in an escape
            }

            switch (input[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i += 2;
                    break;
                case (byte)'u':
                    if ((uint)(i + 5) >= (uint)input.Length ||
                        !IsHex(input[i + 2]) || !IsHex(input[i + 3]) || !IsHex(input[i + 4]) || !IsHex(input[i + 5]))
                    {
                        return -1;
                    }

                    i += 6;
                    break;
                default:
                    return -1;
            }
        }
    }

    /// <summary>
    /// The index of the first quote, backslash or control character at or after <paramref name="i"/>, or -1. Inlined
    /// vector compares rather than a general search: most strings here are short, and the call would cost more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfStringSpecial(ReadOnlySpan<byte> input, int i)
    {
        ref var first = ref MemoryMarshal.GetReference(input);
        var length = input.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            while (i <= length - Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref first, (nuint)i);
                var found = (Vector256.Equals(block, Vector256.Create((byte)'"'))
                    | Vector256.Equals(block, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(block, Vector256.Create((byte)0x20))).ExtractMostSignificantBits();
                if (found != 0)
                {
                    return i + BitOperations.TrailingZeroCount(found);
                }

                i += Vector256<byte>.Count;
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            while (i <= length - Vector128<byte>.Count)
            {
                var block = Vector128.LoadUnsafe(ref first, (nuint)i);
                var found = (Vector128.Equals(block, Vector128.Create((byte)'"'))
                    | Vector128.Equals(block, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(block, Vector128.Create((byte)0x20))).ExtractMostSignificantBits();
                if (found != 0)
                {
                    return i + BitOperations.TrailingZeroCount(found);
                }

                i += Vector128<byte>.Count;
            }
        }

        for (; (uint)i < (uint)length; i++)
        {
            var b = Unsafe.Add(ref first, i);
            if (b is (byte)'"' or (byte)'\\' or < 0x20)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first byte at or after <paramref name="i"/> that is not JSON white space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhiteSpace(ReadOnlySpan<byte> input, int i)
    {
        while ((uint)i < (uint)input.Length && input[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; the index after it, or -1.</summary>
    public static int SkipNumber(ReadOnlySpan<byte> input, int i)
    {
        if ((uint)i < (uint)input.Length && input[i] == (byte)'-')
        {
            i++;
        }

        if ((uint)i >= (uint)input.Length)
        {
            return -1;
        }

        if (input[i] == (byte)'0')
        {
            i++;
        }
        else if (IsDigit(input[i]))
        {
            i = SkipDigits(input, i + 1);
        }
        else
        {
            return -1;
        }

        if ((uint)i < (uint)input.Length && input[i] == (byte)'.')
        {
            if ((uint)(i + 1) >= (uint)input.Length || !IsDigit(input[i + 1]))
            {
                return -1;
            }

            i = SkipDigits(input, i + 2);
        }

        if ((uint)i < (uint)input.Length && (input[i] | 0x20) == (byte)'e')
        {
            i++;
            if ((uint)i < (uint)input.Length && input[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if ((uint)i >= (uint)input.Length || !IsDigit(input[i]))
            {
                return -1;
            }

            i = SkipDigits(input, i + 1);
        }

        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> input, int i)
    {
        while ((uint)i < (uint)input.Length && IsDigit(input[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;
}
