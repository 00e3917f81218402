using System.Text;

namespace RiskEngine.Opa.Mirror;

/// <summary>
/// JSON Pointer (RFC 6901) reference tokens as OPA reads them in a JSON Patch path. RFC 6901 asks for '~' as
/// "~0" and '/' as "~1" (emails and SPIFFE IDs hold '/'); OPA also percent-decodes every token first (its
/// ParsePatchPathEscaped keeps URL unescaping for backwards compatibility), so a literal '%' must be sent as
/// "%25" or a session id like "a%2Fb" would arrive as "a/b".
/// </summary>
public static class JsonPointer
{
    public static string EscapeForOpa(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.AsSpan().IndexOfAny('~', '/', '%') < 0)
        {
            return token;
        }

        var escaped = new StringBuilder(token.Length + 8);
        foreach (var c in token)
        {
            escaped.Append(c switch
            {
                '~' => "~0",
                '/' => "~1",
                '%' => "%25",
                _ => null,
            } ?? c.ToString());
        }

        return escaped.ToString();
    }
}
