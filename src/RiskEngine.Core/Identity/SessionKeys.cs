using RiskEngine.Core.Hashing;

namespace RiskEngine.Core.Identity;

/// <summary>Keys of session and token ids, apart from each other: a session id and a token id that happen to be equal are different things.</summary>
public static class SessionKeys
{
    public const uint SessionPrefix = 0x5E55_1011;
    public const uint TokenPrefix = 0x70CE_0001;

    public static uint Of(string? id, uint prefix) => string.IsNullOrEmpty(id) ? StableHash.None : StableHash.Fold(((ulong)prefix << 32) ^ StableHash.Of(id));
}
