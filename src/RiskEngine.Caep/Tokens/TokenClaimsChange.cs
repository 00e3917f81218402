using System.Text.Json;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// A CAEP <c>token-claims-change</c>: the claims named now have the values given, e.g. a risk claim, so a
/// receiver holding tokens with the old values re-evaluates or reissues them.
/// </summary>
public sealed record TokenClaimsChange(IReadOnlyDictionary<string, string> Claims) : CaepEvent
{
    public override string EventType => CaepEventTypes.TokenClaimsChange;

    internal override void WriteEventClaims(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("claims"u8);
        foreach (KeyValuePair<string, string> claim in Claims)
        {
            writer.WriteString(claim.Key, claim.Value);
        }

        writer.WriteEndObject();
    }

    internal override void Validate()
    {
        if (Claims is null || Claims.Count == 0)
        {
            throw new ArgumentException("A token-claims-change needs at least one claim.", nameof(Claims));
        }

        foreach (KeyValuePair<string, string> claim in Claims)
        {
            ArgumentException.ThrowIfNullOrEmpty(claim.Key, nameof(Claims));
            ArgumentNullException.ThrowIfNull(claim.Value, nameof(Claims));
        }
    }
}
