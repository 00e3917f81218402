namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// One sign-in's categorical values, each hashed to 64 bits by the caller (the same hash in every process, so replays
/// agree); <see cref="Missing"/> where the event did not carry the feature.
/// </summary>
public readonly record struct CategoricalObservation(ulong IpAddress, ulong Asn, ulong Country, ulong UserAgent, ulong Device)
{
    /// <summary>The hash of an absent value, as <c>DeviceFingerprint.None</c>: never counted, never scored.</summary>
    public const ulong Missing = 0;

    public const int FeatureCount = 5;

    public ulong this[CategoricalFeature feature] => feature switch
    {
        CategoricalFeature.IpAddress => IpAddress,
        CategoricalFeature.Asn => Asn,
        CategoricalFeature.Country => Country,
        CategoricalFeature.UserAgent => UserAgent,
        CategoricalFeature.Device => Device,
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, null),
    };
}
