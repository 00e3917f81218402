using System.Buffers.Text;
using System.Text.Json;

namespace RiskEngine.Ssf.Tests.Support;

/// <summary>The claims of a compact SET, unverified: for assertions on what a receiver got.</summary>
public static class SetClaims
{
    public static JsonElement Of(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.Clone();

    public static string EventType(string token) => Of(token).GetProperty("events").EnumerateObject().Single().Name;

    public static string Txn(string token) => Of(token).GetProperty("txn").GetString()!;
}
