namespace RiskEngine.Opa.Mirror;

/// <summary>Which member of the document an entry lives in: <c>subjects</c> or <c>sessions</c>.</summary>
public enum OpaEntryKind
{
    Subject,
    Session,
}
