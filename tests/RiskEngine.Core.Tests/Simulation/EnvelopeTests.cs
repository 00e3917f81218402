using System.Text.Json;
using RiskEngine.Simulation;

namespace RiskEngine.Core.Tests.Simulation;

public sealed class EnvelopeTests
{
    [Fact]
    public void An_envelope_holds_one_sign_in_logs_record_per_sign_in()
    {
        var options = new SimulationOptions();
        var batch = new SignInSimulator(options).Generate().Where(s => s.IsMalicious).Take(3).ToList();

        using var document = JsonDocument.Parse(SignInSimulator.EncodeEnvelope(batch, options.TenantId));

        var records = document.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(batch.Count, records.Count);
        Assert.All(batch.Zip(records), pair =>
        {
            var (signIn, record) = pair;
            using var graph = JsonDocument.Parse(signIn.Payload);
            var properties = record.GetProperty("properties");
            Assert.Equal("SignInLogs", record.GetProperty("category").GetString());
            Assert.Equal("Sign-in activity", record.GetProperty("operationName").GetString());
            Assert.Equal($"/tenants/{options.TenantId}/providers/Microsoft.aadiam", record.GetProperty("resourceId").GetString());
            Assert.Equal(options.TenantId, record.GetProperty("tenantId").GetString());
            Assert.Equal(graph.RootElement.GetProperty("createdDateTime").GetString(), record.GetProperty("time").GetString());
            Assert.Equal(properties.GetProperty("status").GetProperty("errorCode").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), record.GetProperty("resultType").GetString());
            Assert.Equal(properties.GetProperty("status").GetProperty("failureReason").GetString(), record.GetProperty("resultDescription").GetString());
            Assert.Equal(JsonValueKind.Number, record.GetProperty("durationMs").ValueKind);
            Assert.Equal(properties.GetProperty("ipAddress").GetString(), record.GetProperty("callerIpAddress").GetString());
            Assert.Equal(properties.GetProperty("correlationId").GetString(), record.GetProperty("correlationId").GetString());
            Assert.Equal(properties.GetProperty("userDisplayName").GetString(), record.GetProperty("identity").GetString());
            Assert.Equal(4, record.GetProperty("Level").GetInt32());
            Assert.Equal(properties.GetProperty("location").GetProperty("countryOrRegion").GetString(), record.GetProperty("location").GetString());
            Assert.True(JsonElement.DeepEquals(graph.RootElement, properties));
        });
        Assert.Contains(records, r => r.GetProperty("resultType").GetString() == "50126");
    }

    [Fact]
    public void An_empty_batch_is_an_empty_envelope()
    {
        using var document = JsonDocument.Parse(SignInSimulator.EncodeEnvelope([], new SimulationOptions().TenantId));

        Assert.Empty(document.RootElement.GetProperty("records").EnumerateArray());
    }

    [Fact]
    public void A_payload_that_is_not_a_sign_in_is_rejected()
    {
        var bogus = new SimulatedSignIn("u", "e", DateTimeOffset.UnixEpoch, "{\"id\":1}"u8.ToArray(), IsMalicious: false, Scenario: null);

        Assert.Throws<ArgumentException>(() => SignInSimulator.EncodeEnvelope([bogus], new SimulationOptions().TenantId));
    }
}
