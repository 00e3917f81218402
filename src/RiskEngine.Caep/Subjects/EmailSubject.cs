using System.Text.Json;

namespace RiskEngine.Caep.Subjects;

/// <summary><c>{"format":"email","email":...}</c>; receivers match the address literally.</summary>
public sealed record EmailSubject(string Email) : SubjectIdentifier
{
    public const string FormatName = "email";

    public string Email { get; } = NotEmpty(Email, nameof(Email));

    public override string Format => FormatName;

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString("email"u8, Email);
}
