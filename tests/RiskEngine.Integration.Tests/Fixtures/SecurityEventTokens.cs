using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Reads a SET's parts without verifying them; verification is the tests' business, with independent libraries.</summary>
public static class SecurityEventTokens
{
    public static string TokenOf(ConsumeResult<byte[]?, byte[]> message) => Encoding.ASCII.GetString(message.Message.Value);

    public static string KeyOf(ConsumeResult<byte[]?, byte[]> message) => Encoding.UTF8.GetString(message.Message.Key!);

    public static JsonElement Claims(string token) => Part(token, 1);

    public static JsonElement Header(string token) => Part(token, 0);

    private static JsonElement Part(string token, int index)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]));
        return document.RootElement.Clone();
    }
}
