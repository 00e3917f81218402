using System.Globalization;
using RiskEngine.Sources.Compression;

namespace RiskEngine.Sources.Opa;

/// <summary>How <see cref="OpaDecisionLogDecoder"/> reads OPA decision logs.</summary>
public sealed class OpaDecisionLogOptions
{
    /// <summary>
    /// The most a gzip-compressed message may inflate to; past it the message is rejected as bad compression
    /// (a gzip bomb) without being inflated further. Default 16 MiB.
    /// </summary>
    public int MaxDecompressedBytes { get; set; } = BoundedGzipInflater.DefaultMaxInflatedBytes;

    /// <summary>
    /// Whether a subject the decision-log mask policy rewrote (its path under a pointer of the event's
    /// <c>masked</c>) is still taken as the identity. Off by default: a mask that writes one placeholder for
    /// everyone would merge every subject into one identity. Turn it on when the mask writes a stable
    /// pseudonym (a keyed hash of the user), which is as good an identity key as the name it replaces.
    /// </summary>
    public bool AcceptMaskedSubjects { get; set; }

    /// <summary>Where the subject, resource, action and decision are in an event.</summary>
    public OpaInputMapping Mapping { get; set; } = new();

    /// <summary>Every problem with these options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxDecompressedBytes < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDecompressedBytes must be at least 1, not {MaxDecompressedBytes}"));
        }

        if (Mapping is null)
        {
            errors.Add("Mapping is required");
        }
        else
        {
            errors.AddRange(Mapping.Validate().Select(error => $"Mapping.{error}"));
        }

        return errors;
    }
}
