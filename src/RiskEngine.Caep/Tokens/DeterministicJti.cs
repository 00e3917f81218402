using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// Derives a SET's <c>jti</c> from what caused it, so a replayed or reprocessed event yields the same <c>jti</c>
/// and receivers de-duplicate it instead of acting twice.
/// </summary>
public static class DeterministicJti
{
    /// <summary>
    /// The RiskEngine name-space UUID, 993ce973-14cb-4718-a4e4-6e539e391cac (a random version 4 UUID generated once),
    /// in network byte order. Changing it changes every jti and defeats de-duplication across versions.
    /// </summary>
    private static ReadOnlySpan<byte> Namespace =>
    [
        0x99, 0x3c, 0xe9, 0x73, 0x14, 0xcb, 0x47, 0x18, 0xa4, 0xe4, 0x6e, 0x53, 0x9e, 0x39, 0x1c, 0xac,
    ];

    private const int StackNameLimit = 512;

    // The action of a re-addressed copy; no CAEP or SSF event type is named so, so it never meets an original's name.
    private const string ReaddressAction = "readdressed";

    /// <summary>
    /// The <c>jti</c> of the copy of the SET <paramref name="originalJti"/> addressed to SSF stream
    /// <paramref name="streamId"/>: each stream gets its own, and re-addressing the same SET again gives the same one.
    /// </summary>
    public static string ForStream(string originalJti, string streamId) => Create(originalJti, streamId, ReaddressAction);

    /// <summary>
    /// A name-based UUID version 5 (RFC 9562 §5.5) over the UTF-8 of
    /// <c>identityId + "\n" + triggeringEventId + "\n" + action</c>, lowercase "D" format.
    /// </summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 9562 defines version 5 UUIDs over SHA-1; the output is an identifier, not a security control.")]
    public static string Create(string identityId, string triggeringEventId, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityId);
        ArgumentException.ThrowIfNullOrEmpty(triggeringEventId);
        ArgumentException.ThrowIfNullOrEmpty(action);

        int length = Namespace.Length
            + Encoding.UTF8.GetByteCount(identityId) + 1
            + Encoding.UTF8.GetByteCount(triggeringEventId) + 1
            + Encoding.UTF8.GetByteCount(action);

        byte[]? rented = null;
        Span<byte> name = length <= StackNameLimit
            ? stackalloc byte[StackNameLimit]
            : rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Namespace.CopyTo(name);
            int written = Namespace.Length;
            written += Encoding.UTF8.GetBytes(identityId, name[written..]);
            name[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(triggeringEventId, name[written..]);
            name[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(action, name[written..]);

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            SHA1.HashData(name[..written], hash);

            Span<byte> uuid = hash[..16];
            uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
            uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
            return new Guid(uuid, bigEndian: true).ToString("D");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
