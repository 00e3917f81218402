using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using RiskEngine.Caep;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Reads a SET's parts without verifying them; verification is the tests' business, with independent libraries.</summary>
public static class SecurityEventTokens
{
    public static string TokenOf(ConsumeResult<byte[]?, byte[]> message) => Encoding.ASCII.GetString(message.Message.Value);

    /// <summary>Whether a message of the SET topic is a session-revoked SET, by its event-type header, as a PEP routes.</summary>
    public static bool IsSessionRevoked(ConsumeResult<byte[]?, byte[]> message) =>
        message.Message.Headers.TryGetLastBytes(RevocationHeaders.EventType, out var eventType)
        && Encoding.ASCII.GetString(eventType) == CaepEventTypes.SessionRevoked;

    public static string KeyOf(ConsumeResult<byte[]?, byte[]> message) => Encoding.UTF8.GetString(message.Message.Key!);

    /// <summary>A header of a SET topic message (<see cref="RevocationHeaders"/>) as text.</summary>
    public static string HeaderOf(ConsumeResult<byte[]?, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(name));

    public static JsonElement Claims(string token) => Part(token, 1);

    public static JsonElement Header(string token) => Part(token, 0);

    private static JsonElement Part(string token, int index)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]));
        return document.RootElement.Clone();
    }
}
