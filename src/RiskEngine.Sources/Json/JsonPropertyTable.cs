using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RiskEngine.Sources.Json;

/// <summary>Reads the value of the property the cursor's reader is on into <paramref name="fields"/>; returns an error text or null.</summary>
public delegate string? JsonPropertyHandler<TFields>(ref JsonCursor cursor, ref TFields fields)
    where TFields : struct;

/// <summary>
/// Reads a plain scalar value straight from the message bytes (a string without escapes, a number, a literal) into
/// <paramref name="fields"/>, exactly as the reader-side handler would; false to leave it to that handler.
/// </summary>
internal delegate bool RawValueReader<TFields>(ReadOnlySpan<byte> input, RawValue value, ref TFields fields)
    where TFields : struct;

/// <summary>
/// Reads an object or array value starting at <paramref name="start"/> straight from the message bytes, exactly as the
/// reader-side handler would; the index just past it, or -1 to leave it to that handler.
/// </summary>
internal delegate int RawContainerReader<TFields>(ReadOnlySpan<byte> input, int start, int maxNesting, ref TFields fields)
    where TFields : struct;

/// <summary>The field of <paramref name="fields"/> a property is read into.</summary>
public delegate ref TField FieldRef<TFields, TField>(ref TFields fields)
    where TFields : struct;

/// <summary>
/// The properties of one JSON object a decoder reads, each declared once with its name and the field it fills:
/// <code>
/// new JsonPropertyTable&lt;SignInFields&gt;()
///     .Text("id", static (ref SignInFields f) =&gt; ref f.Id)
///     .Timestamp("createdDateTime", static (ref SignInFields f) =&gt; ref f.CreatedDateTime)
///     .Nested("status", static (ref SignInFields f) =&gt; ref f, Status)
/// </code>
/// <see cref="ReadObject"/> then dispatches each property by a hash of its UTF-8 name (one comparison, whatever the
/// number of properties). Mostly, though, <see cref="JsonCursor"/> reads the members from the bytes: those not
/// declared are skipped without being tokenized, and declared ones whose values are plain are read in place by the
/// typed declarations (Text, WholeNumber, Number, Boolean, Timestamp, DeferredText, Nested); a handler given to
/// <see cref="Add(string, JsonPropertyHandler{TFields})"/> always gets the reader. Build a table once, in a static
/// field; once built it is immutable and thread-safe.
/// </summary>
public sealed class JsonPropertyTable<TFields>
    where TFields : struct
{
    private const int MaxNameLength = 128;

    private Entry?[] _slots = new Entry?[16];
    private int _count;

    /// <summary>Reads <paramref name="name"/> with <paramref name="handler"/>.</summary>
    public JsonPropertyTable<TFields> Add(string name, JsonPropertyHandler<TFields> handler) => Add(name, handler, null);

    /// <summary>
    /// Reads <paramref name="name"/> with <paramref name="handler"/>, or from the bytes when the cursor scans it: a
    /// plain scalar (a string without escapes, a number, a literal) with <paramref name="raw"/>, an object or array
    /// with <paramref name="rawContainer"/>. Either may decline (false, -1), leaving the value to
    /// <paramref name="handler"/>; what they do read they must read exactly as it would.
    /// </summary>
    internal JsonPropertyTable<TFields> Add(string name, JsonPropertyHandler<TFields> handler, RawValueReader<TFields>? raw, RawContainerReader<TFields>? rawContainer = null) =>
        Add(name, handler, raw, rawContainer, RawScalarKind.Custom, 0, null);

    /// <summary>A typed scalar declaration: its value read from the bytes into the field at <paramref name="offset"/>.</summary>
    private JsonPropertyTable<TFields> Add(string name, JsonPropertyHandler<TFields> handler, RawScalarKind scalar, nint offset, Utf8StringCache? cache = null) =>
        Add(name, handler, null, null, scalar, offset, cache);

    private JsonPropertyTable<TFields> Add(
        string name, JsonPropertyHandler<TFields> handler, RawValueReader<TFields>? raw, RawContainerReader<TFields>? rawContainer, RawScalarKind scalar, nint offset, Utf8StringCache? cache)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(handler);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf8.Length, MaxNameLength, nameof(name));
        if (Find(utf8) is not null)
        {
            throw new ArgumentException($"property {name} is declared twice", nameof(name));
        }

        if ((_count + 1) * 4 > _slots.Length)
        {
            var entries = _slots.Where(e => e is not null).ToArray();
            _slots = new Entry?[_slots.Length * 2];
            foreach (var entry in entries)
            {
                Insert(entry!);
            }
        }

        Insert(new Entry(utf8, handler, raw, rawContainer, scalar, offset, cache));
        _count++;
        return this;
    }

    /// <summary>A string; see <see cref="JsonFieldReader.ReadString(ref Utf8JsonReader, string, out string?)"/>.</summary>
    public JsonPropertyTable<TFields> Text(string name, FieldRef<TFields, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => JsonFieldReader.ReadString(ref cursor.Reader, name, out field(ref fields)),
            RawScalarKind.Text,
            OffsetOf(field));
    }

    /// <summary>A string of few distinct values, shared through <paramref name="cache"/> instead of allocated per event.</summary>
    public JsonPropertyTable<TFields> Text(string name, FieldRef<TFields, string?> field, Utf8StringCache cache)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(cache);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => JsonFieldReader.ReadString(ref cursor.Reader, name, out field(ref fields), cache),
            RawScalarKind.Text,
            OffsetOf(field),
            cache);
    }

    /// <summary>A string left in the message until it is needed; see <see cref="Json.DeferredText"/>.</summary>
    public JsonPropertyTable<TFields> DeferredText(string name, FieldRef<TFields, DeferredText> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => Json.DeferredText.Read(ref cursor, name, out field(ref fields)),
            RawScalarKind.DeferredText,
            OffsetOf(field));
    }

    /// <summary>A 32-bit integer; see <see cref="JsonFieldReader.ReadInt32"/>.</summary>
    public JsonPropertyTable<TFields> WholeNumber(string name, FieldRef<TFields, int?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => JsonFieldReader.ReadInt32(ref cursor.Reader, name, out field(ref fields)),
            RawScalarKind.WholeNumber,
            OffsetOf(field));
    }

    /// <summary>A finite number; see <see cref="JsonFieldReader.ReadDouble"/>.</summary>
    public JsonPropertyTable<TFields> Number(string name, FieldRef<TFields, double?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => JsonFieldReader.ReadDouble(ref cursor.Reader, name, out field(ref fields)),
            RawScalarKind.Number,
            OffsetOf(field));
    }

    /// <summary>A boolean; see <see cref="JsonFieldReader.ReadBoolean"/>.</summary>
    public JsonPropertyTable<TFields> Boolean(string name, FieldRef<TFields, bool?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => JsonFieldReader.ReadBoolean(ref cursor.Reader, name, out field(ref fields)),
            RawScalarKind.Boolean,
            OffsetOf(field));
    }

    /// <summary>An ISO 8601 timestamp, in UTC; see <see cref="JsonFieldReader.ReadTimestamp"/>.</summary>
    public JsonPropertyTable<TFields> Timestamp(string name, FieldRef<TFields, DateTimeOffset?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) => JsonFieldReader.ReadTimestamp(ref cursor.Reader, name, out field(ref fields)),
            RawScalarKind.Timestamp,
            OffsetOf(field));
    }

    /// <summary>
    /// An object (or null) whose properties <paramref name="table"/> reads into <paramref name="field"/>; their errors
    /// are reported under this name ("status.errorCode: ...") unless <paramref name="prefixErrors"/> is false.
    /// </summary>
    public JsonPropertyTable<TFields> Nested<TChild>(string name, FieldRef<TFields, TChild> field, JsonPropertyTable<TChild> table, bool prefixErrors = true)
        where TChild : struct
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(table);
        var prefix = prefixErrors ? name + "." : "";
        return Add(
            name,
            (ref JsonCursor cursor, ref TFields fields) =>
            {
                cursor.Reader.Read();
                switch (cursor.Reader.TokenType)
                {
                    case JsonTokenType.Null:
                        return null;
                    case JsonTokenType.StartObject:
                        return table.ReadObject(ref cursor, ref field(ref fields)) is { } error ? prefix + error : null;
                    default:
                        return $"{name}: expected an object, found {JsonFieldReader.DescribeAndSkip(ref cursor.Reader)}";
                }
            },
            static (input, value, ref fields) => value.Type == JsonTokenType.Null,
            (input, start, maxNesting, ref fields) => input[start] == (byte)'{' ? JsonCursor.ScanObject(table, input, start, maxNesting, ref field(ref fields)) : -1);
    }

    /// <summary>Declares every property of <paramref name="table"/> too, read into <paramref name="field"/>.</summary>
    public JsonPropertyTable<TFields> Include<TChild>(JsonPropertyTable<TChild> table, FieldRef<TFields, TChild> field)
        where TChild : struct
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(field);
        var childOffset = OffsetOf(field);
        foreach (var entry in table._slots)
        {
            if (entry is not null)
            {
                var handler = entry.Handler;
                var raw = entry.Raw;
                var rawContainer = entry.RawContainer;
                Add(
                    System.Text.Encoding.UTF8.GetString(entry.Name),
                    (ref JsonCursor cursor, ref TFields fields) => handler(ref cursor, ref field(ref fields)),
                    raw is null ? null : (input, value, ref fields) => raw(input, value, ref field(ref fields)),
                    rawContainer is null ? null : (input, start, maxNesting, ref fields) => rawContainer(input, start, maxNesting, ref field(ref fields)),
                    entry.Scalar,
                    childOffset + entry.Offset,
                    entry.Cache);
            }
        }

        return this;
    }

    /// <summary>
    /// Reads the object the cursor's reader is on (its StartObject) up to and including its EndObject, reading every
    /// declared property into <paramref name="fields"/>. Every value is consumed even after an error, so the reader
    /// stays in step with the JSON; the first error is returned, null when there is none.
    /// </summary>
    public string? ReadObject(ref JsonCursor cursor, ref TFields fields)
    {
        if (cursor.Reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException($"ReadObject needs the reader on a StartObject, not {cursor.Reader.TokenType}");
        }

        var outer = cursor.EnterObject();
        string? error = null;
        while (cursor.Reader.Read() && cursor.Reader.TokenType == JsonTokenType.PropertyName)
        {
            if (cursor.TryScanFromMember(this, ref fields))
            {
                continue;
            }

            var entry = FindCurrent(ref cursor.Reader);
            if (entry is null)
            {
                cursor.ScanMembers(this, ref fields, skipFirstValue: true);
                continue;
            }

            var propertyError = entry.Handler(ref cursor, ref fields);
            error ??= propertyError;
            cursor.ScanMembers(this, ref fields, skipFirstValue: false);
        }

        cursor.LeaveObject(outer);
        return error;
    }

    private Entry? FindCurrent(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Find(reader.ValueSpan);
        }

        return FindUnescaped(ref reader);
    }

    private Entry? FindUnescaped(ref Utf8JsonReader reader)
    {
        // Unescaped, a name is no longer than escaped and at least a sixth of it (\uXXXX is one byte or more).
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > MaxNameLength * 6)
        {
            return null;
        }

        Span<byte> name = stackalloc byte[MaxNameLength * 6];
        var written = reader.CopyString(name);
        return Find(name[..written]);
    }

    internal Entry? Find(ReadOnlySpan<byte> name)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Hash(name) & mask; ; i = (i + 1) & mask)
        {
            var entry = slots[i];
            if (entry is null)
            {
                return null;
            }

            if (name.SequenceEqual(entry.Name))
            {
                return entry;
            }
        }
    }

    private void Insert(Entry entry)
    {
        var mask = _slots.Length - 1;
        var i = Hash(entry.Name) & mask;
        while (_slots[i] is not null)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = entry;
    }

    /// <summary>Names differ mostly in length and in their first, middle and last bytes; mixed by a Fibonacci multiply.</summary>
    private static int Hash(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return 0;
        }

        var h = ((uint)name.Length << 24) ^ ((uint)name[0] << 16) ^ ((uint)name[name.Length >> 1] << 8) ^ name[^1];
        return (int)((h * 0x9E3779B1u) >> 16);
    }

    /// <summary>Where the field <paramref name="field"/> returns is in <typeparamref name="TFields"/>, in bytes.</summary>
    private static nint OffsetOf<TField>(FieldRef<TFields, TField> field)
    {
        var fields = default(TFields);
        var offset = Unsafe.ByteOffset(ref Unsafe.As<TFields, byte>(ref fields), ref Unsafe.As<TField, byte>(ref field(ref fields)));
        if (offset < 0 || offset + Unsafe.SizeOf<TField>() > Unsafe.SizeOf<TFields>())
        {
            throw new ArgumentException($"must return a field of the {typeof(TFields).Name} it is given", nameof(field));
        }

        return offset;
    }

    internal sealed class Entry(
        byte[] name, JsonPropertyHandler<TFields> handler, RawValueReader<TFields>? raw, RawContainerReader<TFields>? rawContainer, RawScalarKind scalar, nint offset, Utf8StringCache? cache)
    {
        public readonly byte[] Name = name;
        public readonly JsonPropertyHandler<TFields> Handler = handler;

        /// <summary>What a typed declaration reads into the field at <see cref="Offset"/>; <see cref="RawScalarKind.Custom"/> for <see cref="Raw"/>.</summary>
        public readonly RawScalarKind Scalar = scalar;
        public readonly nint Offset = offset;
        public readonly Utf8StringCache? Cache = cache;

        /// <summary>Reads a plain scalar value from the bytes; null when only <see cref="Handler"/> can read one.</summary>
        public readonly RawValueReader<TFields>? Raw = raw;

        /// <summary>Reads an object or array value from the bytes; null when only <see cref="Handler"/> can read one.</summary>
        public readonly RawContainerReader<TFields>? RawContainer = rawContainer;

        /// <summary>Reads a plain scalar value from the bytes, as <see cref="Handler"/> would; false to leave it to that handler.</summary>
        public bool ReadScalar(ReadOnlySpan<byte> input, RawValue value, ref TFields fields)
        {
            ref var field = ref Unsafe.AddByteOffset(ref Unsafe.As<TFields, byte>(ref fields), Offset);
            return Scalar switch
            {
                RawScalarKind.Text => RawScalar.TryReadText(input, value, Cache, out Unsafe.As<byte, string?>(ref field)),
                RawScalarKind.WholeNumber => RawScalar.TryReadInt32(input, value, out Unsafe.As<byte, int?>(ref field)),
                RawScalarKind.Number => RawScalar.TryReadDouble(input, value, out Unsafe.As<byte, double?>(ref field)),
                RawScalarKind.Boolean => RawScalar.TryReadBoolean(input, value, out Unsafe.As<byte, bool?>(ref field)),
                RawScalarKind.Timestamp => RawScalar.TryReadTimestamp(input, value, out Unsafe.As<byte, DateTimeOffset?>(ref field)),
                RawScalarKind.DeferredText => Json.DeferredText.TryRead(input, value, out Unsafe.As<byte, DeferredText>(ref field)),
                _ => Raw is not null && Raw(input, value, ref fields),
            };
        }
    }
}
