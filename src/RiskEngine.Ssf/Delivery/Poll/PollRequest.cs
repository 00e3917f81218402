using System.Text.Json;
using RiskEngine.Ssf.Http;
using static RiskEngine.Ssf.Http.JsonMembers;

namespace RiskEngine.Ssf.Delivery.Poll;

/// <summary>An RFC 8936 §2.1 poll: how many SETs to return, whether to wait for one, and what the receiver acknowledges or refuses.</summary>
public sealed record PollRequest(int? MaxEvents, bool ReturnImmediately, IReadOnlyList<string> Ack, IReadOnlyDictionary<string, string> SetErrors)
{
    public static PollRequest Read(JsonElement body)
    {
        int? maxEvents = null;
        var returnImmediately = false;
        string[] ack = [];
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in Of(body, "a poll request", "maxEvents", "returnImmediately", "ack", "setErrs"))
        {
            switch (member.Name)
            {
                case "maxEvents":
                    maxEvents = member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt32(out var count) && count >= 0
                        ? count
                        : throw new SsfRequestException($"'maxEvents' must be a whole number of 0 or more, not {Describe(member.Value)}");
                    break;
                case "returnImmediately":
                    returnImmediately = Boolean(member.Value, "returnImmediately");
                    break;
                case "ack":
                    ack = StringArray(member.Value, "ack");
                    break;
                default:
                    foreach (var error in Of(member.Value, "'setErrs'"))
                    {
                        errors[error.Name] = ReadError(error);
                    }

                    break;
            }
        }

        return new PollRequest(maxEvents, returnImmediately, ack, errors);
    }

    /// <summary><c>{"err": ..., "description": ...}</c> as "err: description", the form the outbox records errors in.</summary>
    private static string ReadError(JsonProperty error)
    {
        string? code = null;
        string? description = null;
        foreach (var member in Of(error.Value, $"'setErrs.{error.Name}'", "err", "description"))
        {
            if (member.Name == "err")
            {
                code = NonEmptyString(member.Value, $"setErrs.{error.Name}.err");
            }
            else
            {
                description = NullableString(member.Value, $"setErrs.{error.Name}.description");
            }
        }

        return (code ?? throw new SsfRequestException($"'setErrs.{error.Name}.err' is required")) + (description is null ? "" : ": " + description);
    }
}
