using System.Text.Json;

namespace RiskEngine.Caep.Subjects;

/// <summary><c>{"format":"iss_sub","iss":...,"sub":...}</c>: the subject as an OpenID provider names it.</summary>
public sealed record IssSubSubject(string Iss, string Sub) : SubjectIdentifier
{
    public const string FormatName = "iss_sub";

    public string Iss { get; } = NotEmpty(Iss, nameof(Iss));

    public string Sub { get; } = NotEmpty(Sub, nameof(Sub));

    public override string Format => FormatName;

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("iss"u8, Iss);
        writer.WriteString("sub"u8, Sub);
    }
}
