namespace RiskEngine.Sources.Json;

/// <summary>
/// What a typed declaration of a <see cref="JsonPropertyTable{TFields}"/> reads from the bytes into its field, found
/// at an offset in the fields struct: read without a delegate call, which a scan makes for nearly every member it reads.
/// </summary>
internal enum RawScalarKind : byte
{
    /// <summary>Read by the declaration's own <see cref="RawValueReader{TFields}"/>, if it has one.</summary>
    Custom,
    Text,
    WholeNumber,
    Number,
    Boolean,
    Timestamp,
    DeferredText,
}
