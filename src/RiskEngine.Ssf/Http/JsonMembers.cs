using System.Text.Json;

namespace RiskEngine.Ssf.Http;

/// <summary>Type checks of request members, each failing with an <see cref="SsfRequestException"/> that names the member.</summary>
internal static class JsonMembers
{
    /// <summary>The members of an object, refusing any whose name is not in <paramref name="known"/>.</summary>
    public static IEnumerable<JsonProperty> Of(JsonElement value, string what, params string[] known)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SsfRequestException($"{what} must be a JSON object, not {Describe(value)}");
        }

        foreach (var member in value.EnumerateObject())
        {
            if (known.Length > 0 && Array.IndexOf(known, member.Name) < 0)
            {
                throw new SsfRequestException($"unknown member '{member.Name}' in {what}; expected {string.Join(", ", known)}");
            }

            yield return member;
        }
    }

    public static string NonEmptyString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new SsfRequestException($"'{name}' must be a non-empty string, not {Describe(value)}");

    public static string? NullableString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Null ? null : NonEmptyString(value, name);

    public static bool Boolean(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new SsfRequestException($"'{name}' must be true or false, not {Describe(value)}"),
    };

    public static string[] StringArray(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => NonEmptyString(item, name + "[]"))]
            : throw new SsfRequestException($"'{name}' must be an array of strings, not {Describe(value)}");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Length == 0 ? "an empty string" : "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}
