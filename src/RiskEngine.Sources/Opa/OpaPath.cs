namespace RiskEngine.Sources.Opa;

/// <summary>The dot-separated paths of <see cref="OpaInputMapping"/>: their rules, and JSON pointers against them.</summary>
internal static class OpaPath
{
    public const string InputRoot = "input";
    public const string ResultRoot = "result";

    /// <summary>Why <paramref name="path"/> is not a path under <paramref name="root"/>, or null when it is.</summary>
    public static string? Validate(string? path, string root)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "a path cannot be empty";
        }

        if (path.Trim().Length != path.Length)
        {
            return "a path cannot start or end with white space";
        }

        var segments = path.Split('.');
        if (segments[0] != root)
        {
            return root == InputRoot
                ? "must start with \"input.\": these paths name fields of the policy input"
                : "must be \"result\" or start with \"result.\": these paths name fields of the decision";
        }

        if (root == InputRoot && segments.Length == 1)
        {
            return "must name a field under \"input\", not the whole input";
        }

        return Array.IndexOf(segments, string.Empty) >= 0
            ? "has an empty segment: a path is property names separated by single dots"
            : null;
    }

    /// <summary>
    /// Whether the JSON pointer <paramref name="pointer"/> (as in a decision event's <c>erased</c> and
    /// <c>masked</c>, <c>/input/user</c>) names <paramref name="segments"/> or an object holding it.
    /// </summary>
    public static bool PointerCovers(string pointer, IReadOnlyList<string> segments)
    {
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            return false;
        }

        var tokens = pointer[1..].Split('/');
        if (tokens.Length > segments.Count)
        {
            return false;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (token != segments[i])
            {
                return false;
            }
        }

        return true;
    }
}
