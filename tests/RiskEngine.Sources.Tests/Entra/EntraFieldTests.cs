using System.Text;
using RiskEngine.Core.Events;
using static RiskEngine.Sources.Tests.Entra.EntraTestSupport;

namespace RiskEngine.Sources.Tests.Entra;

/// <summary>The canonical fields an Entra sign-in fills beyond identity, time and outcome.</summary>
public sealed class EntraFieldTests
{
    private const string Properties = """
        {"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","userPrincipalName":"ada@contoso.com",
         "appDisplayName":"Office 365 Exchange Online","resourceDisplayName":"Office 365 Exchange Online",
         "userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
         "autonomousSystemNumber":64500,"riskLevelDuringSignIn":"medium","ipAddress":"203.0.113.7","homeTenantId":"t-home",
         "deviceDetail":{"operatingSystem":"Windows 10","browser":"Edge 120.0.0"},"location":{"city":"Oslo","countryOrRegion":"NO"},
         "status":{"errorCode":0}}
        """;

    [Fact]
    public void A_sign_in_fills_the_canonical_fields()
    {
        var signIn = Accepted(Envelope(Record("SignInLogs", Properties)));

        Assert.Equal(EventSource.EntraId, signIn.Source);
        Assert.Equal(EventKind.SignIn, signIn.Kind);
        Assert.True(signIn.Interactive);
        Assert.Equal(64500, signIn.AutonomousSystemNumber);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", signIn.UserAgent);
        Assert.Equal("medium", signIn.ProviderRiskLevel);
        Assert.Equal("Office 365 Exchange Online", signIn.Resource);
        Assert.Equal("Office 365 Exchange Online", signIn.AppDisplayName);
        Assert.Equal("t-home", signIn.TenantId);
        Assert.Equal("203.0.113.7", signIn.IpAddress);
        Assert.Equal("Windows 10", signIn.OperatingSystem);
        Assert.Equal("Edge 120.0.0", signIn.Browser);
        Assert.Equal("Oslo, NO", signIn.DescribeLocation());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("hidden")]
    [InlineData("high")]
    public void The_providers_risk_level_is_kept_as_given(string level)
    {
        var signIn = Accepted(Properties.Replace("\"medium\"", $"\"{level}\"", StringComparison.Ordinal));

        Assert.Equal(level, signIn.ProviderRiskLevel);
    }

    [Fact]
    public void A_number_written_as_a_string_is_an_autonomous_system_number_too()
    {
        // Log Analytics exports write AutonomousSystemNumber as a string.
        Assert.Equal(64500, Accepted(Properties.Replace("64500", "\"64500\"", StringComparison.Ordinal)).AutonomousSystemNumber);
    }

    [Theory]
    [InlineData("\"autonomousSystemNumber\":\"AS64500\"", "autonomousSystemNumber: expected an integer, found \"AS64500\"")]
    [InlineData("\"userAgent\":{\"raw\":\"x\"}", "userAgent: expected a string, found an object")]
    [InlineData("\"riskLevelDuringSignIn\":[\"high\"]", "riskLevelDuringSignIn: expected a string, found an array")]
    [InlineData("\"resourceDisplayName\":true", "resourceDisplayName: expected a string, found a boolean")]
    [InlineData("\"deviceDetail\":{\"isCompliant\":\"yes\"}", "deviceDetail.isCompliant: expected a boolean, found \"yes\"")]
    public void A_new_field_of_the_wrong_type_rejects_the_sign_in(string badField, string reason)
    {
        var record = Rejected(Properties.Replace("\"status\"", badField + ",\"status\"", StringComparison.Ordinal));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal(reason, record.Reason);
    }

    [Theory]
    [InlineData(0, "multiFactorAuthentication", true)]
    [InlineData(0, "singleFactorAuthentication", false)]
    [InlineData(0, null, null)]
    [InlineData(500121, "multiFactorAuthentication", false)]
    [InlineData(50158, null, false)]
    [InlineData(50074, "multiFactorAuthentication", null)]
    [InlineData(50126, "singleFactorAuthentication", null)]
    public void Mfa_is_satisfied_by_a_success_that_required_it_and_denied_by_a_failed_second_factor(int errorCode, string? requirement, bool? satisfied)
    {
        var requirementField = requirement is null ? string.Empty : $"\"authenticationRequirement\":\"{requirement}\",";
        var signIn = Accepted(Properties.Replace("\"status\":{\"errorCode\":0}", requirementField + $"\"status\":{{\"errorCode\":{errorCode}}}", StringComparison.Ordinal));

        Assert.Equal(satisfied, signIn.MfaSatisfied);
    }

    [Theory]
    [InlineData("Browser", false)]
    [InlineData("Mobile Apps and Desktop clients", false)]
    [InlineData("IMAP4", true)]
    [InlineData("Exchange ActiveSync", true)]
    [InlineData("Authenticated SMTP", true)]
    [InlineData("Other clients", true)]
    [InlineData("Unknown", null)]
    public void Client_apps_other_than_browsers_and_modern_clients_are_legacy_authentication(string clientApp, bool? legacy)
    {
        var signIn = Accepted(Properties.Replace("\"status\"", $"\"clientAppUsed\":\"{clientApp}\",\"status\"", StringComparison.Ordinal));

        Assert.Equal(legacy, signIn.LegacyAuthentication);
    }

    [Fact]
    public void Device_posture_and_the_token_id_are_read()
    {
        var signIn = Accepted(Properties
            .Replace("\"browser\":\"Edge 120.0.0\"", "\"browser\":\"Edge 120.0.0\",\"isCompliant\":false,\"isManaged\":true", StringComparison.Ordinal)
            .Replace("\"status\"", "\"uniqueTokenIdentifier\":\"ZxWXyT6xAkOcVt3T1wYcAA\",\"status\"", StringComparison.Ordinal));

        Assert.False(signIn.DeviceCompliant);
        Assert.True(signIn.DeviceManaged);
        Assert.Equal("ZxWXyT6xAkOcVt3T1wYcAA", signIn.TokenId);
    }

    [Fact]
    public void Fields_a_sign_in_does_not_carry_stay_null()
    {
        var signIn = Accepted(UserSignIn);

        Assert.Null(signIn.AutonomousSystemNumber);
        Assert.Null(signIn.UserAgent);
        Assert.Null(signIn.ProviderRiskLevel);
        Assert.Null(signIn.Resource);
        Assert.Null(signIn.AppDisplayName);
        Assert.Null(signIn.MfaSatisfied);
        Assert.Null(signIn.LegacyAuthentication);
        Assert.Null(signIn.DeviceCompliant);
        Assert.Null(signIn.DeviceManaged);
        Assert.Null(signIn.TokenId);
        Assert.True(signIn.Interactive);
    }

    [Fact]
    public void Repeated_low_cardinality_strings_are_shared_between_events()
    {
        var first = Accepted(Envelope(Record("SignInLogs", Properties)));
        var second = Accepted(Envelope(Record("SignInLogs", Properties.Replace("\"s-1\"", "\"s-2\"", StringComparison.Ordinal))));

        Assert.Same(first.AppDisplayName, second.AppDisplayName);
        Assert.Same(first.Resource, second.Resource);
        Assert.Same(first.UserAgent, second.UserAgent);
        Assert.Same(first.City, second.City);
        Assert.Same(first.CountryOrRegion, second.CountryOrRegion);
        Assert.Same(first.OperatingSystem, second.OperatingSystem);
        Assert.Same(first.Browser, second.Browser);
        Assert.Same(first.ProviderRiskLevel, second.ProviderRiskLevel);
        Assert.Same(first.TenantId, second.TenantId);

        // Ids are the event's own.
        Assert.NotSame(first.EventId, second.EventId);
    }

    [Fact]
    public void Escaped_text_is_unescaped_and_shared_like_plain_text()
    {
        var escaped = Properties.Replace("\"Oslo\"", "\"Troms\\u00f8\"", StringComparison.Ordinal);

        var first = Accepted(escaped);
        var second = Accepted(escaped);

        Assert.Equal("Tromsø", first.City);
        Assert.Same(first.City, second.City);
    }

    [Fact]
    public void Text_that_is_not_utf8_rejects_the_sign_in_instead_of_throwing()
    {
        var prefix = Encoding.UTF8.GetBytes("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-""");
        var suffix = Encoding.UTF8.GetBytes("\",\"city\":\"x\",\"status\":{\"errorCode\":0}}");
        var message = prefix.Concat(new byte[] { 0xC3, 0x28 }).Concat(suffix).ToArray();

        var record = Assert.Single(Decode(message));

        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal("userId: expected a string, found bytes that are not UTF-8", record.Reason);
    }

    [Fact]
    public void Text_that_is_not_utf8_in_a_shared_field_rejects_the_sign_in_too()
    {
        var prefix = Encoding.UTF8.GetBytes("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","appDisplayName":"Off""");
        var suffix = Encoding.UTF8.GetBytes("""ce","status":{"errorCode":0}}""");

        var record = Assert.Single(Decode(prefix.Concat(new byte[] { 0xFF }).Concat(suffix).ToArray()));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal("appDisplayName: expected a string, found bytes that are not UTF-8", record.Reason);
    }

    [Theory]
    [InlineData("1.0", 1)]
    [InlineData("2e3", 2000)]
    [InlineData("\"+7\"", 7)]
    public void An_integer_may_be_written_as_any_integral_json_number(string written, int expected)
    {
        var signIn = Accepted("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":""" + written + "}}");

        Assert.Equal(expected, signIn.ErrorCode);
    }

    [Fact]
    public void Coordinates_are_read_to_the_same_double_as_a_full_parser_reads_them()
    {
        var random = new Random(59);
        for (var trial = 0; trial < 2000; trial++)
        {
            var latitude = (random.NextDouble() * 180) - 90;
            var longitude = (random.NextDouble() * 360) - 180;
            var (latText, lonText) = (Format(latitude, random.Next(0, 14)), Format(longitude, random.Next(0, 13)));

            var signIn = Accepted($$$"""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","location":{"geoCoordinates":{"latitude":{{{latText}}},"longitude":{{{lonText}}}}},"status":{"errorCode":0}}""");

            Assert.Equal(double.Parse(latText, System.Globalization.CultureInfo.InvariantCulture), signIn.Coordinates!.Value.Latitude);
            Assert.Equal(double.Parse(lonText, System.Globalization.CultureInfo.InvariantCulture), signIn.Coordinates!.Value.Longitude);
        }

        static string Format(double value, int decimals) => value.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("2024-03-01T10:15:30.1234567+02:00", "2024-03-01T08:15:30.1234567+00:00")]
    [InlineData("2024-03-01T10:15:30Z", "2024-03-01T10:15:30.0000000+00:00")]
    [InlineData("2024-03-01T10:15:30-14:00", "2024-03-02T00:15:30.0000000+00:00")]
    [InlineData("2024-03-01T10:15:30.123456789Z", "2024-03-01T10:15:30.1234567+00:00")]
    [InlineData("2024-03-01T10:15+01", "2024-03-01T09:15:00.0000000+00:00")]
    [InlineData("2024-03-01", "2024-03-01T00:00:00.0000000+00:00")]
    [InlineData("2024-03-01T10:15:30.Z", "2024-03-01T10:15:30.0000000+00:00")]
    public void Timestamps_in_every_iso_8601_form_the_reader_accepts_are_read_in_utc(string written, string expected)
    {
        var asFirstMember = Accepted($$$"""{"createdDateTime":"{{{written}}}","id":"s-1","userId":"u-1","status":{"errorCode":0}}""");
        var asLaterMember = Accepted($$$"""{"id":"s-1","userId":"u-1","createdDateTime":"{{{written}}}","status":{"errorCode":0}}""");

        Assert.Equal(expected, asFirstMember.Timestamp.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, asLaterMember.Timestamp.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2024-02-30T10:15:30Z")]
    [InlineData("2024-03-01T24:00:00Z")]
    [InlineData("2024-03-01T10:15:30+14:59")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2024-03-01 10:15:30")]
    public void Timestamps_the_reader_refuses_are_refused_wherever_they_are(string written)
    {
        var asFirstMember = Rejected($$$"""{"createdDateTime":"{{{written}}}","id":"s-1","userId":"u-1","status":{"errorCode":0}}""");
        var asLaterMember = Rejected($$$"""{"id":"s-1","userId":"u-1","createdDateTime":"{{{written}}}","status":{"errorCode":0}}""");

        Assert.Equal($"createdDateTime: expected an ISO 8601 timestamp, found \"{written}\"", asFirstMember.Reason);
        Assert.Equal(asFirstMember.Reason, asLaterMember.Reason);
    }
}
