using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Opa;

/// <summary>
/// The fixed fields of one decision event (OPA's <c>EventV1</c>), gathered as they stream past; <c>input</c> and
/// <c>result</c> go through the mapping's path tree into the capture slots.
/// </summary>
internal struct DecisionFields
{
    public const string ConsoleType = "openpolicyagent.org/decision_logs";

    public string? DecisionId;
    public DateTimeOffset? Timestamp;
    public string? Path;
    public List<string>? Erased;
    public List<string>? Masked;

    /// <summary>An <c>error</c> field was present: evaluation failed, and this is its message.</summary>
    public string? Error;

    public bool HasError;
    public bool HasInput;

    /// <summary>A <c>result</c> that is present and not null: OPA's decision was defined.</summary>
    public bool HasResult;

    /// <summary>A field only a decision event has (or the console line's decision-log type) was seen.</summary>
    public bool LooksLikeDecision;

    /// <summary>A console log line's <c>level</c> and <c>msg</c> (any log line of OPA's, decision or not).</summary>
    public bool HasLevel;
    public bool HasMessage;

    /// <summary>The first field of the wrong type, as a reason.</summary>
    public string? FieldError;

    public static void ReadProperty(ref Utf8JsonReader reader, ref DecisionFields fields, CompiledMapping mapping, Span<CapturedValue> slots)
    {
        if (reader.ValueTextEquals("input"u8))
        {
            reader.Read();
            fields.LooksLikeDecision = true;
            fields.HasInput = reader.TokenType != JsonTokenType.Null;
            CapturedValue.Capture(ref reader, mapping.Input, slots);
        }
        else if (reader.ValueTextEquals("result"u8))
        {
            reader.Read();
            fields.LooksLikeDecision = true;
            fields.HasResult = reader.TokenType != JsonTokenType.Null;
            CapturedValue.Capture(ref reader, mapping.Result, slots);
        }
        else if (reader.ValueTextEquals("decision_id"u8))
        {
            fields.LooksLikeDecision = true;
            Note(ref fields, ReadText(ref reader, "decision_id", out fields.DecisionId));
        }
        else if (reader.ValueTextEquals("timestamp"u8))
        {
            Note(ref fields, JsonFieldReader.ReadRfc3339Timestamp(ref reader, "timestamp", out fields.Timestamp));
        }
        else if (reader.ValueTextEquals("path"u8))
        {
            Note(ref fields, ReadText(ref reader, "path", out fields.Path));
        }
        else if (reader.ValueTextEquals("labels"u8))
        {
            fields.LooksLikeDecision = true;
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
            {
                Note(ref fields, $"labels: expected an object, found {JsonFieldReader.Describe(reader.TokenType)}");
            }

            reader.Skip();
        }
        else if (reader.ValueTextEquals("erased"u8))
        {
            fields.LooksLikeDecision = true;
            Note(ref fields, ReadPointers(ref reader, "erased", out fields.Erased));
        }
        else if (reader.ValueTextEquals("masked"u8))
        {
            fields.LooksLikeDecision = true;
            Note(ref fields, ReadPointers(ref reader, "masked", out fields.Masked));
        }
        else if (reader.ValueTextEquals("error"u8))
        {
            reader.Read();
            fields.HasError = reader.TokenType != JsonTokenType.Null;
            fields.Error = ReadError(ref reader);
        }
        else if (reader.ValueTextEquals("type"u8))
        {
            reader.Read();
            fields.LooksLikeDecision |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(ConsoleType);
            reader.Skip();
        }
        else if (reader.ValueTextEquals("msg"u8))
        {
            reader.Read();
            fields.HasMessage = reader.TokenType == JsonTokenType.String;
            fields.LooksLikeDecision |= fields.HasMessage && reader.ValueTextEquals("Decision Log"u8);
            reader.Skip();
        }
        else if (reader.ValueTextEquals("level"u8))
        {
            reader.Read();
            fields.HasLevel = reader.TokenType == JsonTokenType.String;
            reader.Skip();
        }
        else
        {
            // bundles, query, requested_by, metrics, req_id, trace_id, nd_builtin_cache, the console's time...
            JsonFieldReader.SkipValue(ref reader);
        }
    }

    private static void Note(ref DecisionFields fields, string? error) => fields.FieldError ??= error;

    /// <summary>A string OPA always writes as one (it is Go's <c>string</c>): a number there is the wrong type.</summary>
    private static string? ReadText(ref Utf8JsonReader reader, string field, out string? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.ValueTextEquals(""u8) ? null : reader.GetString();
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                var found = JsonFieldReader.Describe(reader.TokenType);
                reader.Skip();
                return $"{field}: expected a string, found {found}";
        }
    }

    /// <summary>Reads <c>erased</c> or <c>masked</c>: the JSON pointers the decision-log mask policy acted on.</summary>
    private static string? ReadPointers(ref Utf8JsonReader reader, string field, out List<string>? pointers)
    {
        reader.Read();
        pointers = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var found = JsonFieldReader.Describe(reader.TokenType);
            reader.Skip();
            return $"{field}: expected an array of JSON pointers, found {found}";
        }

        string? error = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                (pointers ??= []).Add(reader.GetString()!);
            }
            else
            {
                error ??= $"{field}: expected an array of JSON pointers, found {JsonFieldReader.Describe(reader.TokenType)} in it";
                reader.Skip();
            }
        }

        return error;
    }

    /// <summary>
    /// The message of an evaluation error: OPA writes <c>{"code":...,"message":...}</c> (topdown errors), an
    /// array of them (compile errors), or <c>{}</c> for an error of no known shape.
    /// </summary>
    private static string? ReadError(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return NonEmpty(reader.GetString()) ?? EvaluationFailed;
            case JsonTokenType.StartObject:
                return ReadErrorObject(ref reader) ?? EvaluationFailed;
            case JsonTokenType.StartArray:
                string? message = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var element = reader.TokenType switch
                    {
                        JsonTokenType.StartObject => ReadErrorObject(ref reader),
                        JsonTokenType.String => NonEmpty(reader.GetString()),
                        _ => null,
                    };
                    reader.Skip();
                    message ??= element;
                }

                return message ?? EvaluationFailed;
            default:
                reader.Skip();
                return EvaluationFailed;
        }
    }

    private const string EvaluationFailed = "policy evaluation failed";

    private static string? ReadErrorObject(ref Utf8JsonReader reader)
    {
        string? message = null;
        string? code = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessage = reader.ValueTextEquals("message"u8);
            var isCode = reader.ValueTextEquals("code"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isMessage || isCode))
            {
                if (isMessage)
                {
                    message = NonEmpty(reader.GetString());
                }
                else
                {
                    code = NonEmpty(reader.GetString());
                }
            }

            reader.Skip();
        }

        return message ?? code;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
