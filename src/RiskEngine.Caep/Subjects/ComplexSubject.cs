using System.Text.Json;

namespace RiskEngine.Caep.Subjects;

/// <summary>
/// <c>{"format":"complex","user":{...},"session":{...},"device":{...}}</c>. An absent member is a wildcard: a
/// complex subject with only <see cref="User"/> means every session of that user. At least one member is present.
/// </summary>
public sealed record ComplexSubject : SubjectIdentifier
{
    public const string FormatName = "complex";

    public ComplexSubject(SubjectIdentifier? user, SubjectIdentifier? session = null, SubjectIdentifier? device = null)
    {
        if (user is null && session is null && device is null)
        {
            throw new ArgumentException("A complex subject identifier needs at least one of user, session and device.");
        }

        if (user is ComplexSubject || session is ComplexSubject || device is ComplexSubject)
        {
            throw new ArgumentException("A complex subject identifier cannot be a member of another one.");
        }

        User = user;
        Session = session;
        Device = device;
    }

    public SubjectIdentifier? User { get; }

    public SubjectIdentifier? Session { get; }

    public SubjectIdentifier? Device { get; }

    public override string Format => FormatName;

    internal static ComplexSubject ParseMembers(JsonElement element)
    {
        SubjectIdentifier? user = Member(element, "user");
        SubjectIdentifier? session = Member(element, "session");
        SubjectIdentifier? device = Member(element, "device");
        return user is null && session is null && device is null
            ? throw new FormatException("A complex subject identifier needs at least one of user, session and device.")
            : new ComplexSubject(user, session, device);
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        WriteMember(writer, "user"u8, User);
        WriteMember(writer, "session"u8, Session);
        WriteMember(writer, "device"u8, Device);
    }

    private static void WriteMember(Utf8JsonWriter writer, ReadOnlySpan<byte> name, SubjectIdentifier? member)
    {
        if (member is not null)
        {
            writer.WritePropertyName(name);
            member.Write(writer);
        }
    }

    private static SubjectIdentifier? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement member) ? Parse(member, allowComplex: false) : null;
}
