using System.Buffers;
using System.Text.Json;

namespace RiskEngine.Opa.Mirror;

/// <summary>
/// The JSON the mirror sends. The document is
/// <c>{"subjects": {"&lt;subject&gt;": entry}, "sessions": {"&lt;session id&gt;": entry}}</c> with entry
/// <c>{"revoked_at": s, "expires_at": s, "jti": "...", "reason": "...", "subject": "..."}</c>: times in seconds
/// since the epoch (JWT NumericDate, so Rego compares <c>expires_at * 1e9</c> with <c>time.now_ns()</c>), and
/// <c>subject</c> only on session entries (the session's owner). A patch is an RFC 6902 array of <c>add</c>
/// (which creates or replaces a member) and <c>remove</c> operations on those members.
/// </summary>
public static class OpaRevocationJson
{
    public static byte[] Document(IReadOnlyCollection<OpaRevocation> revocations)
    {
        ArgumentNullException.ThrowIfNull(revocations);
        var buffer = new ArrayBufferWriter<byte>(256 + (revocations.Count * 160));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var kind in (ReadOnlySpan<OpaEntryKind>)[OpaEntryKind.Subject, OpaEntryKind.Session])
            {
                writer.WriteStartObject(kind == OpaEntryKind.Subject ? OpaEntryKey.SubjectsMember : OpaEntryKey.SessionsMember);
                foreach (var revocation in revocations)
                {
                    var key = revocation.Key;
                    if (key.Kind == kind)
                    {
                        writer.WritePropertyName(key.Id);
                        WriteEntry(writer, revocation);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Patch(IReadOnlyCollection<PendingOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var buffer = new ArrayBufferWriter<byte>(16 + (operations.Count * 200));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var operation in operations)
            {
                writer.WriteStartObject();
                writer.WriteString("op", operation.Value is null ? "remove" : "add");
                writer.WriteString("path", operation.Key.PatchPath);
                if (operation.Value is { } value)
                {
                    writer.WritePropertyName("value");
                    WriteEntry(writer, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, OpaRevocation revocation)
    {
        writer.WriteStartObject();
        writer.WriteNumber("revoked_at", revocation.RevokedAt.ToUnixTimeSeconds());
        // Rounded up: a Rego rule comparing with the clock stops denying no earlier than the mirror removes the entry.
        writer.WriteNumber("expires_at", (revocation.ExpiresAt.ToUnixTimeMilliseconds() + 999) / 1000);
        writer.WriteString("jti", revocation.Jti);
        writer.WriteString("reason", revocation.Reason);
        if (revocation.Key.Kind == OpaEntryKind.Session)
        {
            writer.WriteString("subject", revocation.Subject);
        }

        writer.WriteEndObject();
    }
}
