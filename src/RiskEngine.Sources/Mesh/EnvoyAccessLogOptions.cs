using System.ComponentModel.DataAnnotations;
using System.Text;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Where an Istio/Envoy JSON access log line carries the workload identities. Istio's default JSON format has
/// none: operators add Envoy's <c>%DOWNSTREAM_PEER_URI_SAN%</c> (the caller's SPIFFE ID, on inbound lines) and
/// <c>%UPSTREAM_PEER_URI_SAN%</c> under names of their choosing, so the names are configured here. For each
/// identity the fields are tried in the order listed; the first present value other than "-" wins.
/// </summary>
/// <remarks>
/// Bound from configuration, a list replaces these defaults only if the binder replaces rather than appends:
/// Microsoft.Extensions.Configuration appends configured items to a collection that already has items, so a
/// host that binds this class should clear the lists first, or bind to a fresh instance whose lists it
/// assigns (the decoder only reads the lists once, in its constructor).
/// </remarks>
public sealed class EnvoyAccessLogOptions
{
    public const string SectionName = "Envoy";

    /// <summary>Longest field name accepted, in UTF-8 bytes; real names are a few dozen.</summary>
    public const int MaxFieldNameBytes = 128;

    /// <summary>Most field names accepted per identity.</summary>
    public const int MaxFieldsPerIdentity = 8;

    /// <summary>The fields holding the caller's identity (a SPIFFE ID), in order of preference.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(MaxFieldsPerIdentity)]
    public IList<string> SourcePrincipalFields { get; set; } = ["source_principal", "downstream_peer_uri_san"];

    /// <summary>
    /// The fields holding the called workload's identity, in order of preference; may be empty, in which case
    /// the request's authority names the destination.
    /// </summary>
    [Required]
    [MaxLength(MaxFieldsPerIdentity)]
    public IList<string> DestinationPrincipalFields { get; set; } = ["destination_principal", "upstream_peer_uri_san"];

    /// <summary>Every problem with these options, as messages naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{SectionName}: {r.ErrorMessage}"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        CheckNames(SourcePrincipalFields, nameof(SourcePrincipalFields), seen, failures);
        CheckNames(DestinationPrincipalFields, nameof(DestinationPrincipalFields), seen, failures);
        return failures;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are not usable.</summary>
    public void ThrowIfInvalid()
    {
        var failures = Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures));
        }
    }

    private static void CheckNames(IList<string>? names, string setting, HashSet<string> seen, List<string> failures)
    {
        if (names is null)
        {
            return;
        }

        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var path = $"{SectionName}:{setting}:{i}";
            if (string.IsNullOrWhiteSpace(name))
            {
                failures.Add($"{path} is empty: name the JSON field that carries the identity.");
            }
            else if (Encoding.UTF8.GetByteCount(name) > MaxFieldNameBytes)
            {
                failures.Add($"{path} is longer than {MaxFieldNameBytes} bytes.");
            }
            else if (!seen.Add(name))
            {
                // One field cannot be both the caller and the called workload, nor be tried twice.
                failures.Add($"{path} (\"{name}\") is listed more than once across SourcePrincipalFields and DestinationPrincipalFields.");
            }
        }
    }
}
