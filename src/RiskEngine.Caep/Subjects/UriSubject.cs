using System.Text.Json;

namespace RiskEngine.Caep.Subjects;

/// <summary><c>{"format":"uri","uri":...}</c>: an absolute URI, such as a workload's SPIFFE ID.</summary>
public sealed record UriSubject(string Uri) : SubjectIdentifier
{
    public const string FormatName = "uri";

    public string Uri { get; } = AbsoluteUri(Uri);

    public override string Format => FormatName;

    /// <summary>Whether <paramref name="identityId"/> is a SPIFFE ID, which names a workload and is written as a <c>uri</c> subject.</summary>
    public static bool IsSpiffeId(string identityId) =>
        identityId is not null && identityId.StartsWith("spiffe://", StringComparison.OrdinalIgnoreCase);

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString("uri"u8, Uri);

    private static string AbsoluteUri(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        return System.Uri.TryCreate(uri, UriKind.Absolute, out _)
            ? uri
            : throw new ArgumentException($"A uri subject identifier must be an absolute URI (got '{uri}').", nameof(uri));
    }
}
