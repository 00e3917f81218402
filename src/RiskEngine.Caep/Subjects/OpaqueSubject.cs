using System.Text.Json;

namespace RiskEngine.Caep.Subjects;

/// <summary><c>{"format":"opaque","id":...}</c>: an id the receiver and transmitter agree on, e.g. a session or stream id.</summary>
public sealed record OpaqueSubject(string Id) : SubjectIdentifier
{
    public const string FormatName = "opaque";

    public string Id { get; } = NotEmpty(Id, nameof(Id));

    public override string Format => FormatName;

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString("id"u8, Id);
}
