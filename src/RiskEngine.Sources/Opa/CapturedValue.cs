using System.Text;
using System.Text.Json;

namespace RiskEngine.Sources.Opa;

internal enum CapturedKind : byte
{
    Absent,
    Null,
    String,
    Number,
    Boolean,
    Object,
    Array,
}

/// <summary>
/// The value found at one configured path, kept as little as the mapping needs: the text of a scalar, the
/// <c>id</c>/<c>sub</c>/<c>name</c> of an object, the strings and numbers of an array.
/// </summary>
internal struct CapturedValue
{
    public CapturedKind Kind;

    /// <summary>A string's or number's text; an object's id, else sub, else name.</summary>
    public string? Text;

    public bool Boolean;

    /// <summary>An array's strings and numbers, as text.</summary>
    public List<string>? Parts;

    /// <summary>An array had something other than strings and numbers.</summary>
    public bool ArrayHasOther;

    /// <summary>Reads the value the reader is on into the slots of <paramref name="node"/>, descending into its children.</summary>
    public static void Capture(ref Utf8JsonReader reader, PathNode node, Span<CapturedValue> slots)
    {
        CapturedValue value;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                value = CaptureObject(ref reader, node, slots);
                break;
            case JsonTokenType.StartArray when node.Ends.Length > 0:
                value = CaptureArray(ref reader);
                break;
            case JsonTokenType.StartArray:
                reader.Skip();
                return;
            case JsonTokenType.String:
                value = new CapturedValue { Kind = CapturedKind.String, Text = node.Ends.Length > 0 ? reader.GetString() : null };
                break;
            case JsonTokenType.Number:
                value = new CapturedValue { Kind = CapturedKind.Number, Text = node.Ends.Length > 0 ? NumberText(ref reader) : null };
                break;
            case JsonTokenType.True or JsonTokenType.False:
                value = new CapturedValue { Kind = CapturedKind.Boolean, Boolean = reader.TokenType == JsonTokenType.True };
                break;
            default:
                value = new CapturedValue { Kind = CapturedKind.Null };
                break;
        }

        foreach (var slot in node.Ends)
        {
            slots[slot] = value;
        }
    }

    /// <summary>The text a text field takes from this value, or null when it has none.</summary>
    public readonly string? AsText(string separator) => Kind switch
    {
        CapturedKind.String when Text is { Length: > 0 } text && text != "-" => text,
        CapturedKind.Number => Text,
        CapturedKind.Boolean => Boolean ? "true" : "false",
        CapturedKind.Object when Text is { Length: > 0 } text && text != "-" => text,
        CapturedKind.Array when !ArrayHasOther && Parts is { Count: > 0 } parts => string.Join(separator, parts),
        _ => null,
    };

    /// <summary>Why a present value gives no text: an object without identifiers, an array of objects.</summary>
    public readonly string? WhyNoText() => Kind switch
    {
        CapturedKind.Object when AsText("/") is null => "an object without an id, sub or name",
        CapturedKind.Array when ArrayHasOther => "an array of something other than strings",
        _ => null,
    };

    public readonly string Describe() => Kind switch
    {
        CapturedKind.String => $"\"{(Text is { Length: > 40 } text ? text[..40] + "..." : Text)}\"",
        CapturedKind.Number => "a number",
        CapturedKind.Boolean => "a boolean",
        CapturedKind.Object => "an object",
        CapturedKind.Array => "an array",
        CapturedKind.Null => "null",
        _ => "nothing",
    };

    private static CapturedValue CaptureObject(ref Utf8JsonReader reader, PathNode node, Span<CapturedValue> slots)
    {
        var capturing = node.Ends.Length > 0;
        string? id = null;
        string? sub = null;
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var child = node.Children.Length > 0 ? node.FindChild(ref reader) : null;
            var identifier = capturing ? IdentifierRank(ref reader) : 0;
            reader.Read();
            if (identifier != 0 && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : NumberText(ref reader);
                switch (identifier)
                {
                    case 1:
                        id = text;
                        break;
                    case 2:
                        sub = text;
                        break;
                    default:
                        name = text;
                        break;
                }
            }

            if (child is not null)
            {
                Capture(ref reader, child, slots);
            }
            else
            {
                reader.Skip();
            }
        }

        return new CapturedValue { Kind = CapturedKind.Object, Text = FirstPresent(id, sub, name) };
    }

    private static CapturedValue CaptureArray(ref Utf8JsonReader reader)
    {
        var value = new CapturedValue { Kind = CapturedKind.Array };
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    (value.Parts ??= []).Add(reader.GetString()!);
                    break;
                case JsonTokenType.Number:
                    (value.Parts ??= []).Add(NumberText(ref reader));
                    break;
                default:
                    value.ArrayHasOther = true;
                    reader.Skip();
                    break;
            }
        }

        return value;
    }

    /// <summary>1 for <c>id</c>, 2 for <c>sub</c>, 3 for <c>name</c>: the properties that name an object.</summary>
    private static int IdentifierRank(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? 1 : reader.ValueTextEquals("sub"u8) ? 2 : reader.ValueTextEquals("name"u8) ? 3 : 0;

    private static string? FirstPresent(string? id, string? sub, string? name) =>
        IsPresent(id) ? id : IsPresent(sub) ? sub : IsPresent(name) ? name : null;

    private static bool IsPresent(string? text) => text is { Length: > 0 } && text != "-";

    private static string NumberText(ref Utf8JsonReader reader) => Encoding.UTF8.GetString(reader.ValueSpan);
}
