using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RiskEngine.Sources.Json;

/// <summary>
/// A <see cref="Utf8JsonReader"/> over a whole message that need not tokenize all of it. Inside an object read by
/// a <see cref="JsonPropertyTable{TFields}"/>, the members are scanned from the bytes instead, from the property
/// name the reader is on or the value it has just read: those the table does not declare are skipped (<see cref="JsonSkipper"/> checks their grammar),
/// and those it declares are read straight from the bytes when their values are plain (strings without escapes,
/// numbers, literals, and objects and arrays of such). At the first member that needs the reader (an escape, a
/// value the table's handler must judge, bytes that may not be JSON) or at the end of the object, the reader is
/// restarted there with the state it had at the start of the object, where, as after a comma, a property name or
/// the end of the object comes next. Whatever the scan accepted the reader would have accepted too; whatever it
/// did not is read again by the reader, which reports the error if there is one. Positions are offsets in the
/// whole message.
/// </summary>
public ref struct JsonCursor
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly int _maxDepth;
    private Utf8JsonReader _reader;
    private int _offset;
    private JsonReaderState _objectStart;
    private int _objectDepth;
    private int _handedBack = -1;

    public JsonCursor(ReadOnlySpan<byte> input, JsonReaderOptions options)
    {
        _input = input;
        _objectDepth = -1;
        _maxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth;
        _reader = new Utf8JsonReader(input, options);
    }

    /// <summary>The reader on the current token; field readers (<see cref="JsonFieldReader"/>) take it by reference.</summary>
    [UnscopedRef]
    public ref Utf8JsonReader Reader => ref _reader;

    /// <summary>The whole message.</summary>
    public readonly ReadOnlySpan<byte> Input => _input;

    /// <summary>Where the current token starts in the message.</summary>
    public readonly int TokenStart => _offset + (int)_reader.TokenStartIndex;

    /// <summary>Where the current token ends in the message.</summary>
    public readonly int Position => _offset + (int)_reader.BytesConsumed;

    /// <summary>
    /// Skips the value of the property the reader is on, without tokenizing it when it can. Outside an object read
    /// by a <see cref="JsonPropertyTable{TFields}"/> this is <see cref="JsonFieldReader.SkipValue"/>.
    /// </summary>
    public void SkipPropertyValue()
    {
        if (!InTableObject(JsonTokenType.PropertyName))
        {
            JsonFieldReader.SkipValue(ref _reader);
            return;
        }

        var end = JsonSkipper.SkipValue(_input, Position, _maxDepth - _reader.CurrentDepth - 1);
        var next = end < 0 ? -1 : JsonSkipper.SkipWhiteSpace(_input, end);
        if ((uint)next < (uint)_input.Length && _input[next] == (byte)'}')
        {
            Restart(next);
            return;
        }

        if ((uint)next < (uint)_input.Length && _input[next] == (byte)',')
        {
            var name = JsonSkipper.SkipWhiteSpace(_input, next + 1);
            if ((uint)name < (uint)_input.Length && _input[name] == (byte)'"')
            {
                Restart(name);
                return;
            }
        }

        JsonFieldReader.SkipValue(ref _reader); // not certainly valid: the reader will say
    }

    /// <summary>Whether the reader is on a token of <paramref name="expected"/> type among the members of the object a table is reading.</summary>
    private readonly bool InTableObject(JsonTokenType expected) =>
        _reader.TokenType == expected && _reader.CurrentDepth == _objectDepth + 1;

    /// <summary>
    /// Goes on through the members of the object a table is reading, from the end of the value the reader just read
    /// (or, with <paramref name="skipFirstValue"/>, from the property name it is on, skipping that value), reading
    /// or skipping them from the bytes, and leaves the reader where its next <c>Read</c> returns the first member it
    /// must read itself, or the end of the object.
    /// </summary>
    internal void ScanMembers<TFields>(JsonPropertyTable<TFields> table, ref TFields fields, bool skipFirstValue)
        where TFields : struct
    {
        if (skipFirstValue ? !InTableObject(JsonTokenType.PropertyName)
            : _reader.TokenType == JsonTokenType.PropertyName || _reader.CurrentDepth != _objectDepth + 1)
        {
            if (skipFirstValue)
            {
                JsonFieldReader.SkipValue(ref _reader);
            }

            return;
        }

        var maxNesting = _maxDepth - _objectDepth - 2; // the containers a member's value may open
        var i = Position;
        if (skipFirstValue)
        {
            i = JsonSkipper.SkipValue(_input, i, maxNesting);
            if (i < 0)
            {
                JsonFieldReader.SkipValue(ref _reader);
                return;
            }
        }

        ScanOn(table, ref fields, i, -1, skipFirstValue, maxNesting);
    }

    /// <summary>
    /// Reads the member whose name the reader is on, and the members after it, from the bytes, as
    /// <see cref="ScanMembers"/> does; false, with nothing read, when that member needs the reader.
    /// </summary>
    internal bool TryScanFromMember<TFields>(JsonPropertyTable<TFields> table, ref TFields fields)
        where TFields : struct
    {
        var member = TokenStart;
        if (!InTableObject(JsonTokenType.PropertyName) || _reader.ValueIsEscaped || member == _handedBack)
        {
            return false; // (a member the scan handed back is the reader's to read, or it would be scanned again)
        }

        var maxNesting = _maxDepth - _objectDepth - 2;
        var i = ScanMember(table, _input, member, maxNesting, ref fields);
        if (i < 0)
        {
            return false;
        }

        ScanOn(table, ref fields, i, member, true, maxNesting);
        return true;
    }

    /// <summary>
    /// From <paramref name="i"/>, just after a member's value, on through the members of the object; hands the reader
    /// back at the first member it must read, or at the end of the object. <paramref name="member"/> is where the
    /// last member scanned starts (-1: the reader's own), <paramref name="advanced"/> whether the reader is behind.
    /// </summary>
    private void ScanOn<TFields>(JsonPropertyTable<TFields> table, ref TFields fields, int i, int member, bool advanced, int maxNesting)
        where TFields : struct
    {
        var input = _input;
        while (true)
        {
            // After a value: the end of the object, or a comma and the next member.
            i = JsonSkipper.SkipWhiteSpace(input, i);
            if ((uint)i >= (uint)input.Length)
            {
                break;
            }

            if (input[i] == (byte)'}')
            {
                if (member >= 0 || advanced)
                {
                    Restart(i);
                }

                return;
            }

            if (input[i] != (byte)',')
            {
                break;
            }

            var nameStart = JsonSkipper.SkipWhiteSpace(input, i + 1);
            if ((uint)nameStart >= (uint)input.Length || input[nameStart] != (byte)'"')
            {
                break;
            }

            member = nameStart;
            i = ScanMember(table, input, nameStart, maxNesting, ref fields);
            if (i < 0)
            {
                break;
            }
        }

        // Not read here: the reader reads on from the start of this member (or from where it is).
        if (member >= 0)
        {
            Restart(member);
            _handedBack = member;
        }
        else if (advanced)
        {
            JsonFieldReader.SkipValue(ref _reader);
        }
    }

    /// <summary>
    /// Reads or skips the member (name, colon, value) starting at <paramref name="nameStart"/> of an object read by
    /// <paramref name="table"/>; the index just past its value, or -1 when the reader must read it.
    /// </summary>
    internal static int ScanMember<TFields>(JsonPropertyTable<TFields> table, ReadOnlySpan<byte> input, int nameStart, int maxNesting, ref TFields fields)
        where TFields : struct
    {
        var nameEnd = JsonSkipper.IndexOfStringSpecial(input, nameStart + 1);
        if (nameEnd < 0 || input[nameEnd] != (byte)'"')
        {
            return -1; // an escaped name, for the reader to unescape (or a broken one, for it to report)
        }

        var entry = table.Find(input[(nameStart + 1)..nameEnd]);
        var i = JsonSkipper.SkipWhiteSpace(input, nameEnd + 1);
        if ((uint)i >= (uint)input.Length || input[i] != (byte)':')
        {
            return -1;
        }

        i = JsonSkipper.SkipWhiteSpace(input, i + 1);
        if ((uint)i >= (uint)input.Length)
        {
            return -1;
        }

        if (entry is null)
        {
            if (input[i] == (byte)'"')
            {
                // Most skipped values are plain strings: no need for the whole grammar.
                var stringEnd = JsonSkipper.IndexOfStringSpecial(input, i + 1);
                if (stringEnd >= 0 && input[stringEnd] == (byte)'"')
                {
                    return stringEnd + 1;
                }
            }

            return JsonSkipper.SkipValue(input, i, maxNesting);
        }

        RawValue value;
        switch (input[i])
        {
            case (byte)'"':
                var end = JsonSkipper.IndexOfStringSpecial(input, i + 1);
                if (end < 0 || input[end] != (byte)'"')
                {
                    return -1;
                }

                value = new RawValue(JsonTokenType.String, i + 1, end - i - 1);
                break;
            case (byte)'{' or (byte)'[':
                return entry.RawContainer is null || maxNesting <= 0 ? -1 : entry.RawContainer(input, i, maxNesting, ref fields);
            case (byte)'t' when input[i..].StartsWith("true"u8):
                value = new RawValue(JsonTokenType.True, i, 4);
                break;
            case (byte)'f' when input[i..].StartsWith("false"u8):
                value = new RawValue(JsonTokenType.False, i, 5);
                break;
            case (byte)'n' when input[i..].StartsWith("null"u8):
                value = new RawValue(JsonTokenType.Null, i, 4);
                break;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                var numberEnd = JsonSkipper.SkipNumber(input, i);
                if (numberEnd < 0)
                {
                    return -1;
                }

                value = new RawValue(JsonTokenType.Number, i, numberEnd - i);
                break;
            default:
                return -1;
        }

        if (!entry.ReadScalar(input, value, ref fields))
        {
            return -1;
        }

        return value.Type == JsonTokenType.String ? value.Start + value.Length + 1 : value.Start + value.Length;
    }

    /// <summary>
    /// Reads the object value at <paramref name="start"/> (its '{') with <paramref name="table"/> from the bytes alone;
    /// the index just past its '}', or -1 when the reader must read it.
    /// </summary>
    internal static int ScanObject<TFields>(JsonPropertyTable<TFields> table, ReadOnlySpan<byte> input, int start, int maxNesting, ref TFields fields)
        where TFields : struct
    {
        var i = JsonSkipper.SkipWhiteSpace(input, start + 1);
        if ((uint)i < (uint)input.Length && input[i] == (byte)'}')
        {
            return i + 1;
        }

        while ((uint)i < (uint)input.Length && input[i] == (byte)'"')
        {
            i = ScanMember(table, input, i, maxNesting - 1, ref fields);
            if (i < 0)
            {
                return -1;
            }

            i = JsonSkipper.SkipWhiteSpace(input, i);
            if ((uint)i >= (uint)input.Length)
            {
                return -1;
            }

            if (input[i] == (byte)'}')
            {
                return i + 1;
            }

            if (input[i] != (byte)',')
            {
                return -1;
            }

            i = JsonSkipper.SkipWhiteSpace(input, i + 1);
        }

        return -1;
    }

    /// <summary>Called by a table when it starts reading an object (the reader on its StartObject); returns the outer object's state.</summary>
    internal (JsonReaderState State, int Depth) EnterObject()
    {
        var outer = (_objectStart, _objectDepth);
        _objectStart = _reader.CurrentState;
        _objectDepth = _reader.CurrentDepth;
        return outer;
    }

    internal void LeaveObject((JsonReaderState State, int Depth) outer) => (_objectStart, _objectDepth) = outer;

    private void Restart(int position)
    {
        _reader = new Utf8JsonReader(_input[position..], isFinalBlock: true, _objectStart);
        _offset = position;
    }

    /// <summary>
    /// The error <see cref="Utf8JsonReader"/> reports for <paramref name="input"/> read from its start, with line and
    /// byte positions that match the message (a restarted reader's do not); null when it reads it without one.
    /// </summary>
    public static string? DescribeSyntaxError(ReadOnlySpan<byte> input, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(input, options);
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }
}

/// <summary>A scalar value found in the message: for a string, its bytes between the quotes (with no escapes).</summary>
internal readonly record struct RawValue(JsonTokenType Type, int Start, int Length);
