using System.Text.Json;
using RiskEngine.Caep.Subjects;

namespace RiskEngine.Pep.Tokens;

/// <summary>
/// Reads a SET's <c>sub_id</c> with <see cref="SubjectIdentifier.Parse"/> and reduces it to what a PEP enforces: a
/// simple identifier names a user; a complex one names a user, a session, or both (a device alone names nothing here).
/// </summary>
internal static class SubjectReader
{
    /// <exception cref="FormatException">The <c>sub_id</c> is not a subject identifier this PEP can enforce.</exception>
    public static (SubjectKey? User, SubjectKey? Session) Read(JsonElement subject) => SubjectIdentifier.Parse(subject) switch
    {
        ComplexSubject { User: null, Session: null } => throw new FormatException("The complex subject names neither a user nor a session."),
        ComplexSubject complex => (Key(complex.User), Key(complex.Session)),
        SubjectIdentifier simple => (Key(simple), null),
    };

    private static SubjectKey? Key(SubjectIdentifier? identifier) => identifier switch
    {
        null => null,
        EmailSubject email => new SubjectKey(SubjectKey.Email, email.Email, null),
        OpaqueSubject opaque => new SubjectKey(SubjectKey.Opaque, opaque.Id, null),
        UriSubject uri => new SubjectKey(SubjectKey.Uri, uri.Uri, null),
        IssSubSubject issSub => new SubjectKey(SubjectKey.IssSub, issSub.Sub, issSub.Iss),
        _ => throw new FormatException($"Subject identifier format '{identifier.Format}' is not enforced here (email, opaque, iss_sub, uri, complex)."),
    };
}
