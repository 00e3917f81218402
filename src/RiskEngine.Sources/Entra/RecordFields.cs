using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Entra;

/// <summary>The diagnostic-settings record's own fields, which stand in for missing signIn properties.</summary>
internal struct RecordFields
{
    public string? Category;
    public DateTimeOffset? Time;
    public string? ResultType;
    public string? ResultDescription;
    public string? TenantId;
    public string? CallerIpAddress;

    public static string? ReadProperty(ref Utf8JsonReader reader, ref RecordFields fields)
    {
        if (reader.ValueTextEquals("category"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "category", out fields.Category);
        }

        if (reader.ValueTextEquals("time"u8))
        {
            return JsonFieldReader.ReadTimestamp(ref reader, "time", out fields.Time);
        }

        if (reader.ValueTextEquals("resultType"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "resultType", out fields.ResultType);
        }

        if (reader.ValueTextEquals("resultDescription"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "resultDescription", out fields.ResultDescription);
        }

        if (reader.ValueTextEquals("tenantId"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "tenantId", out fields.TenantId);
        }

        if (reader.ValueTextEquals("callerIpAddress"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "callerIpAddress", out fields.CallerIpAddress);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }
}
