using System.Text.Json;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Discovery;

/// <summary>The transmitter configuration metadata of SSF §7.1, served at <see cref="WellKnownPath"/>.</summary>
public static class TransmitterConfiguration
{
    public const string WellKnownPrefix = "/.well-known/ssf-configuration";
    public const string SpecVersion = "1_0";

    /// <summary>OAuth 2.0 (RFC 6749) bearer tokens, as the interoperability profile asks.</summary>
    public const string AuthorizationSchemeUrn = "urn:ietf:rfc:6749";

    /// <summary>
    /// SSF §7.2: for an issuer with a path, the well-known segment goes between the host and the path
    /// (<c>https://host/tenant</c> → <c>/.well-known/ssf-configuration/tenant</c>).
    /// </summary>
    public static string WellKnownPath(string issuer)
    {
        var path = new Uri(issuer, UriKind.Absolute).AbsolutePath.TrimEnd('/');
        return WellKnownPrefix + path;
    }

    public static void Write(Utf8JsonWriter writer, string issuer, string baseUrl, string jwksPath, SsfOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var api = baseUrl + options.RoutePrefix;
        writer.WriteStartObject();
        writer.WriteString("spec_version"u8, SpecVersion);
        writer.WriteString("issuer"u8, issuer);
        writer.WriteString("jwks_uri"u8, baseUrl + jwksPath);
        writer.WriteStartArray("delivery_methods_supported"u8);
        foreach (var method in DeliveryMethods.Supported)
        {
            writer.WriteStringValue(method);
        }

        writer.WriteEndArray();
        writer.WriteString("configuration_endpoint"u8, api + SsfRoutes.Stream);
        writer.WriteString("status_endpoint"u8, api + SsfRoutes.Status);
        writer.WriteString("add_subject_endpoint"u8, api + SsfRoutes.AddSubject);
        writer.WriteString("remove_subject_endpoint"u8, api + SsfRoutes.RemoveSubject);
        writer.WriteString("verification_endpoint"u8, api + SsfRoutes.Verify);
        writer.WriteStartArray("authorization_schemes"u8);
        writer.WriteStartObject();
        writer.WriteString("spec_urn"u8, AuthorizationSchemeUrn);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("default_subjects"u8, options.DefaultSubjects == DefaultSubjects.All ? "ALL" : "NONE");
        writer.WriteEndObject();
    }
}
