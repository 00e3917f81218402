namespace RiskEngine.Caep.Signing;

/// <summary>What the key ring decided at one moment, valid until <see cref="NextChangeAt"/>.</summary>
/// <param name="Current">The key that signs.</param>
/// <param name="Published">The keys of the JWKS, in the order they were found.</param>
/// <param name="NextChangeAt">When a key becomes eligible or leaves the JWKS, so the decision must be made again.</param>
internal sealed record SigningKeySnapshot(SigningKey Current, IReadOnlyList<SigningKey> Published, DateTimeOffset NextChangeAt);
