using System.Net;
using RiskEngine.Ssf.Discovery;
using RiskEngine.Ssf.Tests.Support;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Discovery;

public sealed class TransmitterConfigurationTests
{
    [Theory]
    [InlineData("https://transmitter.example", "/.well-known/ssf-configuration")]
    [InlineData("https://transmitter.example/", "/.well-known/ssf-configuration")]
    [InlineData("https://transmitter.example/tenant-a", "/.well-known/ssf-configuration/tenant-a")]
    [InlineData("https://transmitter.example/a/b/", "/.well-known/ssf-configuration/a/b")]
    public void The_well_known_segment_goes_between_host_and_issuer_path(string issuer, string expected) =>
        Assert.Equal(expected, TransmitterConfiguration.WellKnownPath(issuer));

    [Fact]
    public async Task The_configuration_document_names_every_endpoint_without_a_token()
    {
        using var directory = new TemporaryDirectory();
        await using var transmitter = await TestTransmitter.StartAsync(directory.Path, new Dictionary<string, string?> { ["Ssf:DefaultSubjects"] = "None" });

        var (response, document) = await transmitter.SendAsync(HttpMethod.Get, "/.well-known/ssf-configuration/tenant-a", token: null);
        var (withoutPath, _) = await transmitter.SendAsync(HttpMethod.Get, "/.well-known/ssf-configuration", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutPath.StatusCode);
        var api = transmitter.BaseUri + "ssf";
        Assert.Equal("1_0", document.GetProperty("spec_version").GetString());
        Assert.Equal(TestTransmitter.Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(transmitter.JwksUri.ToString(), document.GetProperty("jwks_uri").GetString());
        Assert.Equal(["urn:ietf:rfc:8935", "urn:ietf:rfc:8936"], document.GetProperty("delivery_methods_supported").EnumerateArray().Select(method => method.GetString()));
        Assert.Equal(api + "/stream", document.GetProperty("configuration_endpoint").GetString());
        Assert.Equal(api + "/status", document.GetProperty("status_endpoint").GetString());
        Assert.Equal(api + "/subjects:add", document.GetProperty("add_subject_endpoint").GetString());
        Assert.Equal(api + "/subjects:remove", document.GetProperty("remove_subject_endpoint").GetString());
        Assert.Equal(api + "/verify", document.GetProperty("verification_endpoint").GetString());
        Assert.Equal("urn:ietf:rfc:6749", document.GetProperty("authorization_schemes")[0].GetProperty("spec_urn").GetString());
        Assert.Equal("NONE", document.GetProperty("default_subjects").GetString());

        var jwks = await transmitter.Client.GetStringAsync(transmitter.JwksUri);
        Assert.Contains("\"kid\"", jwks, StringComparison.Ordinal);
    }
}
