namespace RiskEngine.Opa.Mirror;

/// <summary>One entry's place in the document: <c>subjects[Id]</c> or <c>sessions[Id]</c>.</summary>
public readonly record struct OpaEntryKey(OpaEntryKind Kind, string Id)
{
    public const string SubjectsMember = "subjects";
    public const string SessionsMember = "sessions";

    public string Member => Kind == OpaEntryKind.Subject ? SubjectsMember : SessionsMember;

    /// <summary>The entry's JSON Pointer relative to the document, such as <c>/subjects/ann@example.com</c>.</summary>
    public string PatchPath => $"/{Member}/{JsonPointer.EscapeForOpa(Id)}";

    public override string ToString() => $"{Member}[{Id}]";
}
