namespace RiskEngine.Simulation;

/// <summary>The sign-ins of one identity over a run, in time order; enumerate <see cref="Events"/> once.</summary>
/// <remarks>
/// The engine fires on impossible travel (over 500 km at over 1,000 km/h between successes), on a device first seen
/// after three successes, and on five failures within ten minutes. Benign traffic here stays well clear of the first
/// and last: trips go at most 700 km/h including an hour at airports, and a benign identity fails at most twice in any
/// ten minutes. Only the attacker of a victim meets all three at once.
/// </remarks>
internal sealed class IdentitySchedule
{
    private const string Benign = "benign";
    private const string Takeover = "takeover";
    private const double CruiseKmPerHour = 700;
    private const double ShortestTripKm = 300;
    private const double AttackerMinimumKm = 3000;
    private const double SecondDeviceShare = 0.3;
    private const double MultiFactorShare = 0.92;
    private const double MfaPromptShare = 0.12;
    private const double MfaDeniedShare = 0.03;
    private const int SuccessesBeforeAnomaly = 3;

    private static readonly TimeSpan AirportTime = TimeSpan.FromHours(1);
    private static readonly TimeSpan AttackerLatestStart = TimeSpan.FromMinutes(30);

    private static readonly IReadOnlyList<App> AttackerApps = [Apps.OutlookWeb, Apps.OutlookWeb, Apps.OfficeHome, Apps.AzurePortal];

    private readonly IdentityProfile profile;
    private readonly DateTimeOffset start;
    private readonly DateTimeOffset end;
    private readonly Random rng;
    private readonly List<Slot> slots = [];
    private readonly List<SignInFact> events = [];
    private readonly int successesBeforeVariation;

    private BenignVariation pendingVariation;
    private DateTimeOffset? takeoverNotBefore;
    private DateTimeOffset suppressedUntil = DateTimeOffset.MinValue;

    private City place;
    private string? tripIp;
    private string scenario = Benign;
    private DateTimeOffset inTransitUntil = DateTimeOffset.MinValue;
    private DateTimeOffset workdayEnd;

    private int successes;
    private DateTimeOffset lastSuccess;
    private int sessionCount;
    private int openSession = -1;
    private string sessionId = "";
    private string sessionIp = "";

    public IdentitySchedule(IdentityProfile profile, DateTimeOffset start, DateTimeOffset end, TimeSpan takeoverSpread)
    {
        this.profile = profile;
        this.start = start;
        this.end = end;
        rng = new Random(profile.Seed);
        place = profile.Home;
        pendingVariation = profile.Variation;
        successesBeforeVariation = SuccessesBeforeAnomaly + rng.Next(0, 3);
        if (profile.Identity.IsTakeoverVictim)
        {
            // Validation guarantees three hours; longer runs spread attacks over as much of the rest as asked.
            var spare = end - start - SimulationOptions.MinimumDurationWithTakeovers;
            takeoverNotBefore = start + TimeSpan.FromHours(1) + rng.Between(TimeSpan.Zero, TimeSpan.FromHours(Math.Clamp(spare.TotalHours, 0, takeoverSpread.TotalHours)));
        }
    }

    public IEnumerable<SignInFact> Events()
    {
        for (var dayStart = start; dayStart < end; dayStart += TimeSpan.FromDays(1))
        {
            PlanWorkday(dayStart);
            events.Clear();
            foreach (var slot in slots)
            {
                Emit(slot);
            }

            foreach (var fact in events.OrderBy(e => e.Time).TakeWhile(e => e.Time < end))
            {
                yield return fact;
            }
        }
    }

    /// <summary>Two sessions split by lunch, each with a sign-in every 8 to 25 minutes on one device.</summary>
    private void PlanWorkday(DateTimeOffset dayStart)
    {
        // A victim starts promptly on the first day, so that even a three-hour run has room for the takeover.
        var promptly = takeoverNotBefore is not null && dayStart == start;
        var workStart = dayStart + rng.Minutes(0, promptly ? 15 : 75);
        var lunch = workStart + rng.Minutes(180, 270);
        workdayEnd = workStart + rng.Minutes(450, 540);
        slots.Clear();
        PlanSession(workStart, lunch);
        PlanSession(lunch + rng.Minutes(30, 75), workdayEnd);
    }

    private void PlanSession(DateTimeOffset from, DateTimeOffset to)
    {
        var device = profile.Devices.Count > 1 && rng.NextDouble() < SecondDeviceShare ? profile.Devices[1] : profile.Devices[0];
        var session = sessionCount++;
        for (var time = from + rng.Minutes(0, 3); time < to; time += rng.Minutes(8, 25))
        {
            slots.Add(new Slot(time, session, device, OpensSession: slots.Count == 0 || slots[^1].Session != session));
        }
    }

    private void Emit(Slot slot)
    {
        if (slot.Time < inTransitUntil || slot.Time <= suppressedUntil)
        {
            return;
        }

        if (pendingVariation != BenignVariation.None && successes >= successesBeforeVariation)
        {
            var variation = pendingVariation;
            pendingVariation = BenignVariation.None;
            switch (variation)
            {
                case BenignVariation.Typo:
                    EmitTypo(slot);
                    return;
                case BenignVariation.NewDevice:
                    EmitNewDevice(slot);
                    return;
                case BenignVariation.Travel:
                    Travel();
                    return;
            }
        }

        var time = EmitRoutine(slot);
        if (takeoverNotBefore is { } notBefore && successes >= SuccessesBeforeAnomaly && time >= notBefore && time <= end - AttackerLatestStart)
        {
            takeoverNotBefore = null;
            EmitTakeover(time);
        }
    }

    /// <returns>The time of the slot's successful sign-in.</returns>
    private DateTimeOffset EmitRoutine(Slot slot)
    {
        var app = PickApp(slot.Device);
        var correlationId = rng.NextGuid();
        var time = slot.Time;
        var (session, ip) = Session(slot);
        if (slot.OpensSession)
        {
            // Conditional Access asks for MFA at the start of a session; now and then the user misses or declines the prompt.
            var roll = rng.NextDouble();
            var interruption = roll < MfaPromptShare ? SignInStatus.MfaRequired : roll < MfaPromptShare + MfaDeniedShare ? SignInStatus.MfaDenied : null;
            if (interruption is not null)
            {
                Add(time, app, slot.Device, place, ip, session, correlationId, interruption, multiFactor: true, malicious: false, scenario);
                time += rng.Seconds(15, 45);
            }
        }

        Add(time, app, slot.Device, place, ip, session, correlationId, SignInStatus.Success, rng.NextDouble() < MultiFactorShare, malicious: false, scenario);
        Succeeded(time);
        return time;
    }

    private void EmitTypo(Slot slot)
    {
        const string Typo = "benign-typo";
        var app = PickApp(slot.Device);
        var (session, ip) = Session(slot);
        Add(slot.Time, app, slot.Device, place, ip, session, rng.NextGuid(), SignInStatus.InvalidPassword, multiFactor: false, malicious: false, Typo);
        var retry = slot.Time + rng.Seconds(45, 75);
        Add(retry, app, slot.Device, place, ip, session, rng.NextGuid(), SignInStatus.Success, multiFactor: true, malicious: false, Typo);
        Succeeded(retry);
    }

    /// <summary>One sign-in from a freshly enrolled phone, in a session of its own.</summary>
    private void EmitNewDevice(Slot slot)
    {
        var phone = Devices.RegisteredPhone(rng, profile.FirstName);
        Add(slot.Time, PickApp(phone), phone, place, place.NextIp(rng), rng.NextGuid(), rng.NextGuid(), SignInStatus.Success,
            multiFactor: true, malicious: false, "benign-new-device");
        Succeeded(slot.Time);
    }

    /// <summary>Leaves after the last success for a city reachable within the workday, where the identity stays.</summary>
    private void Travel()
    {
        var home = profile.Home;
        var latestArrival = (workdayEnd < end ? workdayEnd : end) - TimeSpan.FromMinutes(45);
        var reachable = WorldCities.All
            .Where(c => c != home && home.DistanceKm(c) >= ShortestTripKm && lastSuccess + TripTime(c) <= latestArrival)
            .ToList();
        var destination = reachable.Count > 0 ? rng.Pick(reachable) : WorldCities.All.Where(c => c != home).MinBy(home.DistanceKm)!;
        inTransitUntil = lastSuccess + TripTime(destination) + rng.Minutes(0, 30);
        place = destination;
        tripIp = destination.NextIp(rng);
        scenario = "benign-travel";
        openSession = -1;
    }

    private TimeSpan TripTime(City destination) =>
        TimeSpan.FromHours(profile.Home.DistanceKm(destination) / CruiseKmPerHour) + AirportTime;

    /// <summary>
    /// Password spray from a hosting provider far away, then a login from the attacker's own machine soon enough after
    /// the victim's last sign-in that nobody could have travelled that far, then a few more in the attacker's session.
    /// </summary>
    private void EmitTakeover(DateTimeOffset victimLastSuccess)
    {
        var origin = rng.Pick(WorldCities.Hosting.Where(c => c.DistanceKm(place) >= AttackerMinimumKm).ToList());
        var sprayIp = origin.NextIp(rng);
        var loginIp = origin.NextIp(rng);
        while (loginIp == sprayIp)
        {
            loginIp = origin.NextIp(rng);
        }

        var login = victimLastSuccess + rng.Minutes(9, 18);
        var spraySession = rng.NextGuid();
        var time = login - rng.Minutes(5, 8);
        for (var attempts = rng.Next(6, 9); attempts > 0; attempts--)
        {
            Add(time, Apps.MicrosoftOffice, Devices.AttackerScript, origin, sprayIp, spraySession, rng.NextGuid(), SignInStatus.InvalidPassword,
                multiFactor: false, malicious: true, Takeover);
            time += rng.Seconds(15, 30);
        }

        var machine = Devices.AttackerBrowser(rng);
        var session = rng.NextGuid();
        Add(login, Apps.OutlookWeb, machine, origin, loginIp, session, rng.NextGuid(), SignInStatus.Success, multiFactor: false, malicious: true, Takeover);
        foreach (var later in Enumerable.Range(0, rng.Next(2, 5)).Select(_ => login + rng.Minutes(1, 10)).Order().ToList())
        {
            Add(later, rng.Pick(AttackerApps), machine, origin, loginIp, session, rng.NextGuid(), SignInStatus.Success, multiFactor: false, malicious: true, Takeover);
        }

        suppressedUntil = login;
    }

    /// <summary>The session of a slot, opened on its first sign-in; a laptop keeps the home IP, a phone gets one from its carrier.</summary>
    private (string SessionId, string Ip) Session(Slot slot)
    {
        if (slot.Session != openSession)
        {
            openSession = slot.Session;
            sessionId = rng.NextGuid();
            sessionIp = tripIp ?? (slot.Device.IsMobile ? place.NextIp(rng) : profile.HomeIp);
        }

        return (sessionId, sessionIp);
    }

    private App PickApp(Device device) => rng.Pick(device.IsMobile ? Apps.Mobile : Apps.Desktop);

    private void Succeeded(DateTimeOffset time)
    {
        successes++;
        lastSuccess = time;
    }

    private void Add(
        DateTimeOffset time, App app, Device device, City city, string ip, string session, string correlationId,
        SignInStatus status, bool multiFactor, bool malicious, string scenarioName) =>
        events.Add(new SignInFact(
            time, rng.NextGuid(), profile.Identity, app, device, city, ip, session, correlationId, status, multiFactor, malicious, scenarioName));

    private readonly record struct Slot(DateTimeOffset Time, int Session, Device Device, bool OpensSession);
}
