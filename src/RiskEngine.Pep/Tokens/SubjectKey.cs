namespace RiskEngine.Pep.Tokens;

/// <summary>One simple subject identifier of a SET (RFC 9493): a user or a session, as the PEP matches it against claims.</summary>
/// <param name="Format">The <c>format</c>: <c>email</c>, <c>opaque</c>, <c>iss_sub</c> or <c>uri</c>.</param>
/// <param name="Value">The email, opaque id, <c>sub</c> or URI.</param>
/// <param name="Issuer">The <c>iss</c> of an <c>iss_sub</c> identifier; null otherwise.</param>
public readonly record struct SubjectKey(string Format, string Value, string? Issuer)
{
    public const string Email = "email";
    public const string Opaque = "opaque";
    public const string IssSub = "iss_sub";
    public const string Uri = "uri";

    public override string ToString() => Issuer is null ? $"{Format}:{Value}" : $"{Format}:{Issuer}|{Value}";
}
