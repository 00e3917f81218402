using RiskEngine.Core.Events;
using RiskEngine.Simulation.Labels;
using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

/// <summary>Each benign look-alike resembles an attack, yet stays on the harmless side of what makes it one.</summary>
public sealed class LookAlikeTests
{
    private static DecodedRun Run => DecodedRun.Standard;

    [Fact]
    public void The_first_trip_flies_oslo_to_new_york_in_about_nine_hours()
    {
        var trip = Run.Instances(ScenarioKinds.BenignTravel).Single(i => i.Key == "benign-travel-1").ToList();
        var traveller = trip[0].Event.IdentityId;
        var lastAtHome = Run.Of(traveller).Last(e => IsSignInSuccess(e) && e.Event.Timestamp < trip[0].Event.Timestamp).Event;
        var firstAway = trip.First(IsSignInSuccess).Event;

        Assert.Equal(("Oslo", "New York"), (lastAtHome.City, firstAway.City));

        // Oslo to New York is 5,900 km: 7.9 h at 750 km/h and an hour at airports, then 20 to 90 minutes to the hotel.
        Assert.InRange(firstAway.Timestamp - lastAtHome.Timestamp, TimeSpan.FromHours(9), TimeSpan.FromHours(10.5));
    }

    [Fact]
    public void Travellers_never_move_faster_than_an_airliner_and_sign_in_far_from_home_once_there()
    {
        Assert.All(Run.Instances(ScenarioKinds.BenignTravel), trip =>
        {
            var traveller = trip.First().Event.IdentityId;
            var successes = Run.Of(traveller).Where(IsSignInSuccess).Select(e => e.Event).ToList();
            var home = successes[0];
            Assert.All(successes.Zip(successes.Skip(1)), pair => Assert.True(SpeedKmPerHour(pair.First, pair.Second) < 1000));
            Assert.All(trip.Where(IsSignIn), e => Assert.True(e.Event.Coordinates!.Value.DistanceKmTo(home.Coordinates!.Value) >= 3000));
        });
    }

    [Fact]
    public void A_new_phone_is_a_device_never_seen_signing_in_at_home()
    {
        Assert.All(Run.Instances(ScenarioKinds.BenignNewPhone), phone =>
        {
            var first = phone.First(IsSignIn);
            var before = Run.Of(first.Event.IdentityId).Where(e => IsSignIn(e) && e.Event.Timestamp < first.Event.Timestamp).Select(e => e.Event).ToList();
            Assert.NotNull(first.Event.DeviceId);
            Assert.DoesNotContain(first.Event.DeviceId, before.Select(e => e.DeviceId));
            Assert.All(phone.Where(IsSignIn), e => Assert.Equal((before[0].City, before[0].AutonomousSystemNumber), (e.Event.City, e.Event.AutonomousSystemNumber)));
        });
    }

    [Fact]
    public void Vpn_users_start_every_shift_through_one_far_gateway_and_work_from_home_after_lunch_every_event_labelled()
    {
        Assert.All(Run.Instances(ScenarioKinds.BenignVpn), vpn =>
        {
            var signIns = vpn.Where(IsSignIn).ToList();

            // Entra knows the gateway as a trusted named location, Okta as a network zone.
            var viaVpn = signIns.Where(e => ThroughVpn(e.Label)).Select(e => e.Event).ToList();
            var atHome = signIns.Select(e => e.Event).Except(viaVpn).ToList();
            Assert.Single(viaVpn.Select(e => e.AutonomousSystemNumber).Distinct());
            Assert.Equal(vpn.Count(), Run.Of(vpn.First().Event.IdentityId).Count);
            Assert.NotEmpty(atHome);
            Assert.True(viaVpn[0].Coordinates!.Value.DistanceKmTo(atHome[0].Coordinates!.Value) >= 3000);

            // Within a shift, home follows the VPN within hours: an "impossible" jump the engine must learn is normal.
            Assert.Contains(atHome, home => home.Timestamp > viaVpn[0].Timestamp && home.Timestamp - viaVpn[0].Timestamp < TimeSpan.FromHours(7));
        });
    }

    [Fact]
    public void Night_shift_workers_sign_in_only_at_night_in_their_local_time()
    {
        Assert.All(Run.Instances(ScenarioKinds.BenignNightShift), shift =>
            Assert.All(shift.Where(IsSignIn), e =>
            {
                var local = e.Event.Timestamp.UtcDateTime.AddHours(Math.Round(e.Event.Coordinates!.Value.Longitude / 15));
                Assert.True(local.Hour is >= 21 or < 9, $"{local:HH:mm} local");
            }));
    }

    [Fact]
    public void A_deployment_starts_calling_a_new_destination_from_several_pods_at_once()
    {
        var deployment = Run.Instances(ScenarioKinds.BenignDeployment).Single().Where(e => e.Event.Kind == EventKind.ServiceRequest).Select(e => e.Event).ToList();
        var destination = Assert.Single(deployment.Select(e => e.AppDisplayName).Distinct());
        var caller = deployment[0].IdentityId;
        var firstFromEachPod = deployment.GroupBy(e => e.IpAddress).Select(pod => pod.First().Timestamp).ToList();

        Assert.True(firstFromEachPod.Count >= 2);
        Assert.True(firstFromEachPod.Max() - firstFromEachPod.Min() <= TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(Run.Of(caller), e => e.Label.Kind != ScenarioKinds.BenignDeployment && e.Event.AppDisplayName == destination);
    }

    [Fact]
    public void A_typo_is_two_wrong_passwords_then_a_sign_in_within_two_minutes()
    {
        Assert.All(Run.Instances(ScenarioKinds.BenignTypo), typo =>
        {
            var events = typo.Select(e => e.Event).ToList();
            Assert.All(events.Take(2), e => Assert.False(e.Succeeded));
            var success = events.First(e => e.Succeeded && e.Kind == EventKind.SignIn);
            Assert.True(success.Timestamp - events[0].Timestamp <= TimeSpan.FromMinutes(2));
        });
    }

    private static bool ThroughVpn(EventLabel label)
    {
        var json = Run.Json(label);
        return label.Source == EventSource.EntraId
            ? json.GetProperty("networkLocationDetails").GetArrayLength() > 0
            : json.GetProperty("client").GetProperty("zone").GetString() != "null";
    }

    private static bool IsSignIn((EventLabel Label, IdentityEvent Event) e) => e.Event.Kind is EventKind.SignIn or EventKind.SingleSignOn;

    private static bool IsSignInSuccess((EventLabel Label, IdentityEvent Event) e) => IsSignIn(e) && e.Event.Succeeded;

    private static double SpeedKmPerHour(IdentityEvent from, IdentityEvent to) =>
        from.Coordinates!.Value.DistanceKmTo(to.Coordinates!.Value) / (to.Timestamp - from.Timestamp).TotalHours;
}
