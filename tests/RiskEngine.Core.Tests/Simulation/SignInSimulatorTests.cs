using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RiskEngine.Simulation;

namespace RiskEngine.Core.Tests.Simulation;

public sealed class SignInSimulatorTests
{
    private static readonly SimulationOptions Defaults = new();

    private static readonly string[] RequiredStrings =
    [
        "appId", "appDisplayName", "ipAddress", "clientAppUsed", "userAgent", "correlationId", "sessionId",
        "conditionalAccessStatus", "authenticationRequirement",
    ];

    private static readonly int[] ErrorCodes = [0, 50126, 50074, 500121];

    public static TheoryData<int, int, double> Runs => new()
    {
        { 7, 1, 8 },
        { 11, 3, 8 },
        { 12345, 5, 3 },
        { 2026, 2, 72 },
    };

    [Fact]
    public void Same_options_give_byte_identical_events()
    {
        var first = new SignInSimulator(new SimulationOptions()).Generate().ToList();
        var second = new SignInSimulator(new SimulationOptions()).Generate().ToList();

        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair =>
        {
            Assert.Equal(pair.First.Payload, pair.Second.Payload);
            Assert.Equal(pair.First with { Payload = pair.Second.Payload }, pair.Second);
        });
    }

    [Fact]
    public void Enumerating_again_replays_the_run()
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 20 });

        Assert.Equal(
            simulator.Generate().Select(s => Convert.ToBase64String(s.Payload)),
            simulator.Generate().Select(s => Convert.ToBase64String(s.Payload)));
    }

    [Fact]
    public void A_different_seed_gives_different_events()
    {
        var first = new SignInSimulator(new SimulationOptions { Seed = 1 }).Generate().Take(50).Select(s => Convert.ToBase64String(s.Payload));
        var second = new SignInSimulator(new SimulationOptions { Seed = 2 }).Generate().Take(50).Select(s => Convert.ToBase64String(s.Payload));

        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Events_come_in_non_decreasing_event_time_within_the_run(int seed, int takeovers, double hours)
    {
        var options = Options(seed, takeovers, hours);
        var events = new SignInSimulator(options).Generate().ToList();

        Assert.NotEmpty(events);
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.Time <= pair.Second.Time, $"{pair.Second.EventId} comes before {pair.First.EventId}"));
        Assert.All(events, e => Assert.InRange(e.Time, options.Start, options.Start + options.Duration - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Every_payload_is_a_graph_sign_in_with_the_fields_the_engine_reads()
    {
        var simulator = new SignInSimulator(new SimulationOptions());
        var identities = simulator.Identities.ToDictionary(i => i.IdentityId);
        var timestamp = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.All(simulator.Generate(), signIn =>
        {
            using var document = JsonDocument.Parse(signIn.Payload);
            var root = document.RootElement;
            Assert.Equal(signIn.EventId, root.GetProperty("id").GetString());
            Assert.True(Guid.TryParse(signIn.EventId, out _));
            var created = root.GetProperty("createdDateTime").GetString()!;
            Assert.Matches(timestamp, created);
            Assert.Equal(signIn.Time, DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
            Assert.Equal(signIn.IdentityId, root.GetProperty("userId").GetString());
            Assert.Equal(identities[signIn.IdentityId].UserPrincipalName, root.GetProperty("userPrincipalName").GetString());
            Assert.Equal(identities[signIn.IdentityId].DisplayName, root.GetProperty("userDisplayName").GetString());
            foreach (var name in RequiredStrings)
            {
                Assert.False(string.IsNullOrEmpty(root.GetProperty(name).GetString()), name);
            }

            Assert.Equal(4, root.GetProperty("ipAddress").GetString()!.Split('.').Length);
            Assert.True(root.GetProperty("autonomousSystemNumber").GetInt32() > 0);
            Assert.True(root.GetProperty("isInteractive").GetBoolean());
            Assert.Equal("none", root.GetProperty("riskLevelDuringSignIn").GetString());
            Assert.Equal("none", root.GetProperty("riskState").GetString());

            var device = root.GetProperty("deviceDetail");
            Assert.Equal(JsonValueKind.String, device.GetProperty("deviceId").ValueKind);
            Assert.False(string.IsNullOrEmpty(device.GetProperty("operatingSystem").GetString()));
            Assert.False(string.IsNullOrEmpty(device.GetProperty("browser").GetString()));
            Assert.Equal(JsonValueKind.String, device.GetProperty("displayName").ValueKind);
            Assert.Equal(JsonValueKind.String, device.GetProperty("trustType").ValueKind);
            _ = device.GetProperty("isCompliant").GetBoolean();
            _ = device.GetProperty("isManaged").GetBoolean();

            var location = root.GetProperty("location");
            Assert.False(string.IsNullOrEmpty(location.GetProperty("city").GetString()));
            Assert.False(string.IsNullOrEmpty(location.GetProperty("state").GetString()));
            Assert.Matches("^[A-Z]{2}$", location.GetProperty("countryOrRegion").GetString());
            var coordinates = location.GetProperty("geoCoordinates");
            Assert.InRange(coordinates.GetProperty("latitude").GetDouble(), -90, 90);
            Assert.InRange(coordinates.GetProperty("longitude").GetDouble(), -180, 180);
            Assert.Equal(JsonValueKind.Null, coordinates.GetProperty("altitude").ValueKind);

            var status = root.GetProperty("status");
            var errorCode = status.GetProperty("errorCode").GetInt32();
            Assert.Contains(errorCode, ErrorCodes);
            Assert.False(string.IsNullOrEmpty(status.GetProperty("failureReason").GetString()));
            _ = status.GetProperty("additionalDetails");
        });
    }

    [Fact]
    public void Identities_have_unique_object_ids_and_principal_names()
    {
        var identities = new SignInSimulator(new SimulationOptions { Identities = 2000, Takeovers = 0 }).Identities;

        Assert.Equal(2000, identities.Count);
        Assert.All(identities, i =>
        {
            Assert.True(Guid.TryParse(i.IdentityId, out _));
            Assert.Matches(@"^[a-z]+\.[a-z]+\d*@contoso\.example$", i.UserPrincipalName);
            Assert.False(string.IsNullOrEmpty(i.HomeCity));
        });
        Assert.Equal(identities.Count, identities.Select(i => i.IdentityId).Distinct().Count());
        Assert.Equal(identities.Count, identities.Select(i => i.UserPrincipalName).Distinct().Count());
    }

    [Fact]
    public void Identities_who_stay_home_sign_in_a_few_times_an_hour_there()
    {
        var simulator = new SignInSimulator(new SimulationOptions());
        var byIdentity = simulator.Generate().Where(s => !s.IsMalicious).Select(ParsedSignIn.From).ToLookup(s => s.Source.IdentityId);

        Assert.All(simulator.Identities.Where(i => byIdentity[i.IdentityId].All(s => s.Source.Scenario != "benign-travel")), identity =>
        {
            var successes = byIdentity[identity.IdentityId].Where(s => s.Succeeded).ToList();
            Assert.InRange(successes.Count, 10, 50);
            Assert.All(successes, s => Assert.Equal(identity.HomeCity, s.City));
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Exactly_the_requested_number_of_identities_are_taken_over(int takeovers)
    {
        var simulator = new SignInSimulator(new SimulationOptions { Takeovers = takeovers });
        var attacked = simulator.Generate().Where(s => s.IsMalicious).Select(s => s.IdentityId).ToHashSet();

        Assert.Equal(takeovers, simulator.Identities.Count(i => i.IsTakeoverVictim));
        Assert.Equal(simulator.Identities.Where(i => i.IsTakeoverVictim).Select(i => i.IdentityId).ToHashSet(), attacked);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_takeover_bursts_failures_then_signs_in_from_a_new_device_at_an_impossible_speed(int seed, int takeovers, double hours)
    {
        var options = Options(seed, takeovers, hours);
        var simulator = new SignInSimulator(options);
        var byIdentity = simulator.Generate().Select(ParsedSignIn.From).ToLookup(s => s.Source.IdentityId);

        Assert.All(simulator.Identities.Where(i => i.IsTakeoverVictim), victim =>
        {
            var signIns = byIdentity[victim.IdentityId].ToList();
            var attack = signIns.Where(s => s.Source.IsMalicious).ToList();
            Assert.All(attack, s => Assert.Equal("takeover", s.Source.Scenario));
            Assert.All(signIns.Where(s => !s.Source.IsMalicious), s => Assert.StartsWith("benign", s.Source.Scenario, StringComparison.Ordinal));

            var spray = attack.TakeWhile(s => !s.Succeeded).ToList();
            Assert.InRange(spray.Count, 6, 8);
            Assert.All(spray, s => Assert.Equal(50126, s.ErrorCode));
            Assert.Single(spray.Select(s => s.IpAddress).Distinct());
            Assert.True(spray[^1].CreatedDateTime - spray[0].CreatedDateTime <= TimeSpan.FromMinutes(4));
            Assert.True(Signals.HasFailureBurst(signIns));

            var login = attack[spray.Count];
            Assert.True(login.Succeeded);
            Assert.True(login.CreatedDateTime >= options.Start + TimeSpan.FromHours(1));
            var before = signIns.TakeWhile(s => s != login).ToList();
            Assert.True(before.Count(s => s.Succeeded && !s.Source.IsMalicious) >= 3);
            Assert.NotEqual("", login.DeviceId);
            Assert.DoesNotContain(login.DeviceId, before.Select(s => s.DeviceId));
            Assert.DoesNotContain(login.IpAddress, before.Select(s => s.IpAddress));
            Assert.DoesNotContain(login.SessionId, before.Select(s => s.SessionId));

            var lastAtHome = before.Last(s => s.Succeeded && !s.Source.IsMalicious);
            Assert.Equal(victim.HomeCity, lastAtHome.City);
            Assert.True(login.CreatedDateTime - lastAtHome.CreatedDateTime <= TimeSpan.FromMinutes(20));
            Assert.True(Signals.DistanceKm(lastAtHome, login) >= 3000);
            Assert.True(Signals.SpeedKmPerHour(lastAtHome, login) > Signals.TravelSpeedKmPerHour);
            Assert.True(Signals.IsImpossibleTravel(before.Last(s => s.Succeeded), login));

            var followUps = attack.Skip(spray.Count + 1).ToList();
            Assert.InRange(followUps.Count, 2, 4);
            Assert.All(followUps, s =>
            {
                Assert.True(s.Succeeded);
                Assert.Equal(login.SessionId, s.SessionId);
                Assert.Equal(login.DeviceId, s.DeviceId);
                Assert.InRange(s.CreatedDateTime, login.CreatedDateTime, login.CreatedDateTime + TimeSpan.FromMinutes(10));
            });

            Assert.Contains(signIns, s => !s.Source.IsMalicious && s.Succeeded && s.CreatedDateTime > followUps[^1].CreatedDateTime);
        });
    }

    [Theory]
    [MemberData(nameof(Runs))]
    [InlineData(99, 0, 24)]
    public void Benign_traffic_never_travels_impossibly_nor_bursts_failures(int seed, int takeovers, double hours)
    {
        var simulator = new SignInSimulator(Options(seed, takeovers, hours));
        var benign = simulator.Generate().Where(s => !s.IsMalicious).Select(ParsedSignIn.From).ToLookup(s => s.Source.IdentityId);

        Assert.All(simulator.Identities, identity =>
        {
            var signIns = benign[identity.IdentityId].ToList();
            Assert.Empty(Signals.ImpossibleTravel(signIns));
            Assert.False(Signals.HasFailureBurst(signIns), $"{identity.UserPrincipalName} bursts failures");
        });
    }

    [Fact]
    public void Benign_irregularities_occur_in_their_shares_after_three_sign_ins_at_home()
    {
        var simulator = new SignInSimulator(new SimulationOptions());
        var byIdentity = simulator.Generate().Select(ParsedSignIn.From).ToLookup(s => s.Source.IdentityId);
        var scenarios = simulator.Identities
            .Where(i => !i.IsTakeoverVictim)
            .Select(i => (Identity: i, SignIns: byIdentity[i.IdentityId].ToList()))
            .Select(x => (x.Identity, x.SignIns, Variation: x.SignIns.Select(s => s.Source.Scenario).FirstOrDefault(s => s != "benign")))
            .ToList();

        Assert.Equal(20, scenarios.Count(x => x.Variation == "benign-typo"));
        Assert.Equal(10, scenarios.Count(x => x.Variation == "benign-travel"));
        Assert.Equal(6, scenarios.Count(x => x.Variation == "benign-new-device"));
        Assert.All(scenarios.Where(x => x.Variation is not null), x =>
        {
            var before = x.SignIns.TakeWhile(s => s.Source.Scenario == "benign").ToList();
            Assert.True(before.Count(s => s.Succeeded && s.City == x.Identity.HomeCity) >= 3);
        });
        Assert.All(scenarios.Where(x => x.Variation == "benign-typo"), x =>
        {
            var typo = x.SignIns.Where(s => s.Source.Scenario == "benign-typo").ToList();
            Assert.Equal([50126, 0], typo.Select(s => s.ErrorCode));
            Assert.InRange(typo[1].CreatedDateTime - typo[0].CreatedDateTime, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90));
        });
        Assert.All(scenarios.Where(x => x.Variation == "benign-travel"), x =>
            Assert.All(x.SignIns.Where(s => s.Source.Scenario == "benign-travel"), s => Assert.NotEqual(x.Identity.HomeCity, s.City)));
        Assert.All(scenarios.Where(x => x.Variation == "benign-new-device"), x =>
        {
            var phone = Assert.Single(x.SignIns, s => s.Source.Scenario == "benign-new-device");
            Assert.NotEqual("", phone.DeviceId);
            Assert.DoesNotContain(phone.DeviceId, x.SignIns.Where(s => s != phone).Select(s => s.DeviceId));
            Assert.Equal(x.Identity.HomeCity, phone.City);
        });
    }

    private static SimulationOptions Options(int seed, int takeovers, double hours) =>
        new() { Seed = seed, Takeovers = takeovers, Duration = TimeSpan.FromHours(hours), Identities = Defaults.Identities };
}
