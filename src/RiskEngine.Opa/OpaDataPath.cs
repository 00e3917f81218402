namespace RiskEngine.Opa;

/// <summary>
/// The configured data path: segments of letters, digits, '_' and '-' only, so the same path is a plain URL
/// path, a plain JSON Pointer and a Rego reference (<c>riskengine/revoked</c> is <c>data.riskengine.revoked</c>).
/// </summary>
public static class OpaDataPath
{
    /// <summary>Why <paramref name="path"/> is not usable, or null when it is.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "must not be empty (the mirror overwrites the whole document it is given, so it never takes OPA's root)";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return $"must be segments separated by single '/', without a leading or trailing one (got '{path}')";
            }

            if (!segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"segments may hold only ASCII letters, digits, '_' and '-' (got '{segment}' in '{path}')";
            }
        }

        return null;
    }
}
