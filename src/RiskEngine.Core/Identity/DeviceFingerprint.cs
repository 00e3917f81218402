using RiskEngine.Core.Events;

namespace RiskEngine.Core.Identity;

/// <summary>
/// A 64-bit name for the device a sign-in came from, so an identity's known devices cost 8 bytes each.
/// FNV-1a rather than string.GetHashCode because it must be the same in every process, for replays.
/// </summary>
public static class DeviceFingerprint
{
    public const ulong None = 0;

    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The provider's device id when it has one; otherwise what the client reveals (OS and browser).</summary>
    public static ulong Of(IdentityEvent signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (!string.IsNullOrEmpty(signIn.DeviceId))
        {
            return Hash(Hash(OffsetBasis, "id:"), signIn.DeviceId);
        }

        if (string.IsNullOrEmpty(signIn.OperatingSystem) && string.IsNullOrEmpty(signIn.Browser))
        {
            return None;
        }

        var hash = Hash(OffsetBasis, "client:");
        hash = Hash(hash, signIn.OperatingSystem ?? string.Empty);
        hash = Hash(hash, "|");
        return Hash(hash, signIn.Browser ?? string.Empty);
    }

    private static ulong Hash(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash == None ? 1 : hash;
    }
}
