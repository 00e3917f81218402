using System.Text.Json;

namespace RiskEngine.Pep.Tokens;

/// <summary>
/// Reads a SET's <c>sub_id</c> (RFC 9493, SSF): a simple identifier names a user; a complex one names a user,
/// a session, or both (a device alone names nothing this PEP enforces).
/// </summary>
internal static class SubjectReader
{
    /// <exception cref="FormatException">The <c>sub_id</c> is not a subject identifier this PEP can enforce.</exception>
    public static (SubjectKey? User, SubjectKey? Session) Read(JsonElement subject)
    {
        string format = RequiredString(subject, "format", "subject identifier");
        if (format != "complex")
        {
            return (Simple(subject, format), null);
        }

        SubjectKey? user = Member(subject, "user");
        SubjectKey? session = Member(subject, "session");
        return user is null && session is null
            ? throw new FormatException("The complex subject names neither a user nor a session.")
            : (user, session);
    }

    private static SubjectKey? Member(JsonElement complex, string name)
    {
        if (!complex.TryGetProperty(name, out JsonElement member))
        {
            return null;
        }

        string format = RequiredString(member, "format", $"'{name}' member");
        return format == "complex"
            ? throw new FormatException($"The '{name}' member of a complex subject cannot itself be complex.")
            : Simple(member, format);
    }

    private static SubjectKey Simple(JsonElement subject, string format) => format switch
    {
        SubjectKey.Email => new SubjectKey(format, RequiredString(subject, "email", format), null),
        SubjectKey.Opaque => new SubjectKey(format, RequiredString(subject, "id", format), null),
        SubjectKey.Uri => new SubjectKey(format, RequiredString(subject, "uri", format), null),
        SubjectKey.IssSub => new SubjectKey(format, RequiredString(subject, "sub", format), RequiredString(subject, "iss", format)),
        _ => throw new FormatException($"Subject identifier format '{format}' is not enforced here (email, opaque, iss_sub, uri, complex)."),
    };

    private static string RequiredString(JsonElement element, string member, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A {what} must be a JSON object.");
        }

        if (!element.TryGetProperty(member, out JsonElement value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw new FormatException($"A {what} needs a non-empty string member '{member}'.");
        }

        return text;
    }
}
