using System.Text.Json;

namespace RiskEngine.Caep.Subjects;

/// <summary>
/// An RFC 9493 / SSF subject identifier, the <c>sub_id</c> of a SET: whom the event is about. A PEP reads one with
/// <see cref="Parse"/>; the issuer writes one with <see cref="Write"/>.
/// </summary>
public abstract record SubjectIdentifier
{
    /// <summary>The <c>format</c> member, e.g. <c>email</c>.</summary>
    public abstract string Format { get; }

    /// <summary>Writes the identifier as one JSON object, <c>format</c> first.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("format"u8, Format);
        WriteMembers(writer);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a <c>sub_id</c> or a member of a complex one. Members this engine does not know are ignored, as SSF
    /// asks of receivers; an unknown format, a missing member or a complex subject nested in another is refused.
    /// </summary>
    /// <exception cref="FormatException">The JSON is not a subject identifier of a supported format.</exception>
    public static SubjectIdentifier Parse(JsonElement element) => Parse(element, allowComplex: true);

    internal static SubjectIdentifier Parse(JsonElement element, bool allowComplex)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A subject identifier must be a JSON object, not {element.ValueKind}.");
        }

        string format = RequiredString(element, "format", "subject identifier");
        try
        {
            return ParseFormat(element, format, allowComplex);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Not a valid '{format}' subject identifier: {ex.Message}", ex);
        }
    }

    private static SubjectIdentifier ParseFormat(JsonElement element, string format, bool allowComplex) =>
        format switch
        {
            EmailSubject.FormatName => new EmailSubject(RequiredString(element, "email", format)),
            IssSubSubject.FormatName => new IssSubSubject(RequiredString(element, "iss", format), RequiredString(element, "sub", format)),
            OpaqueSubject.FormatName => new OpaqueSubject(RequiredString(element, "id", format)),
            UriSubject.FormatName => new UriSubject(RequiredString(element, "uri", format)),
            ComplexSubject.FormatName when allowComplex => ComplexSubject.ParseMembers(element),
            ComplexSubject.FormatName => throw new FormatException("A complex subject identifier cannot be a member of another one."),
            _ => throw new FormatException($"Subject identifier format '{format}' is not supported (email, iss_sub, opaque, uri, complex)."),
        };

    /// <summary>Writes the members after <c>format</c>.</summary>
    private protected abstract void WriteMembers(Utf8JsonWriter writer);

    private protected static string NotEmpty(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return value;
    }

    private static string RequiredString(JsonElement element, string member, string format)
    {
        if (!element.TryGetProperty(member, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"A '{format}' subject identifier needs a string member '{member}'.");
        }

        string text = value.GetString()!;
        return text.Length > 0 ? text : throw new FormatException($"The '{member}' of a '{format}' subject identifier is empty.");
    }
}
