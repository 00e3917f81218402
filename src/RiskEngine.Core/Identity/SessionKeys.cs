using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Hashing;

namespace RiskEngine.Core.Identity;

/// <summary>Keys of session and token ids, apart from each other: a session id and a token id that happen to be equal are different things.</summary>
public static class SessionKeys
{
    public const uint SessionPrefix = 0x5E55_1011;
    public const uint TokenPrefix = 0x70CE_0001;

    /// <summary>The key of an id by its 64-bit hash (<see cref="CategoricalObservation.Missing"/> when there is none).</summary>
    public static uint Of(ulong idHash, uint prefix) =>
        idHash == CategoricalObservation.Missing ? StableHash.None : StableHash.Fold(((ulong)prefix << 32) ^ idHash);
}
