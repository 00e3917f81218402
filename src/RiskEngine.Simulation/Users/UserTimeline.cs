using RiskEngine.Simulation.Decisions;
using RiskEngine.Simulation.Networks;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Simulation.Users;

/// <summary>
/// A user's events over a run, a day at a time: two sessions a working day (split by lunch) in the user's local
/// time, each opened by a sign-in with MFA and kept up by an app every 8 to 25 minutes, in the format of the user's
/// identity provider; the document service's policy decisions on the user's behalf; and the attacks and look-alikes
/// planned for the user.
/// </summary>
internal sealed class UserTimeline : ChunkedTimeline
{
    private const double PhoneShare = 0.3;
    private const double WifiShare = 0.5;
    private const double DecisionShare = 0.4;
    private const double MfaPromptShare = 0.12;
    private const double MfaDeclinedShare = 0.03;
    private const double SignOutShare = 0.5;
    private const double DocumentDenyShare = 0.02;
    private const double CruiseKmPerHour = 750;
    private const int DecisionHistory = 3;

    // An escalation stands out only against a history of what the user opens, which a deployed engine has learned
    // over weeks: here at least a dozen documents over at least six hours.
    private const int ClassificationHistory = 12;
    private const double AttackerMinimumKm = 3000;
    private const string DeniedDocument = "not a member of the document's workspace";
    private const string DeniedEnumeration = "subject lacks permission on the requested document";

    private static readonly TimeSpan ClassificationHistorySpan = TimeSpan.FromHours(6);
    private static readonly TimeSpan DayShiftStart = TimeSpan.FromHours(7.75);
    private static readonly TimeSpan NightShiftStart = TimeSpan.FromHours(21.5);

    /// <summary>The longest a shift lasts: 75 minutes' leeway to start, nine hours of work, a last sign-out.</summary>
    private static readonly TimeSpan ShiftLength = TimeSpan.FromHours(10.5);
    private static readonly IReadOnlyList<string> DocumentService = ["10.244.20.11", "10.244.20.12", "10.244.20.13"];
    private static readonly IReadOnlyList<string> Actions = ["read", "read", "read", "read", "read", "read", "edit", "edit", "download", "share"];

    private readonly UserProfile _profile;
    private readonly Random _rng;
    private readonly Queue<UserScenario> _triggered;
    private readonly IReadOnlyList<ScheduledAttempt> _attempts;
    private readonly UserScenario? _nightShift;
    private readonly UserScenario? _vpn;
    private readonly List<Slot> _slots = [];

    private City _place;
    private ScenarioTag _placeTag = ScenarioTag.Benign;
    private string? _hotelIp;
    private Device? _phone;
    private ScenarioTag _phoneTag = ScenarioTag.Benign;
    private bool _forcePhone;
    private ScenarioTag? _typo;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;
    private bool _awayForTheDay;
    private int _sessionCount;
    private Session? _session;
    private int _successes;
    private DateTimeOffset _lastSuccess;
    private City _lastPlace;
    private string _lastSessionId = "";
    private string _lastToken = "";
    private long _requests;
    private DateTimeOffset? _firstDecision;

    public UserTimeline(UserPlan plan, DateTimeOffset start, DateTimeOffset end)
        : base(start, end, TimeSpan.FromDays(1))
    {
        _profile = plan.Profile;
        _rng = new Random(_profile.Seed);
        _place = _lastPlace = _profile.Home;
        _phone = _profile.Phone;
        _nightShift = plan.Scenarios.Find(s => s.Tag.Kind == ScenarioKinds.BenignNightShift);
        _vpn = plan.Scenarios.Find(s => s.Tag.Kind == ScenarioKinds.BenignVpn);
        _triggered = new Queue<UserScenario>(plan.Scenarios.Where(s => s != _nightShift && s != _vpn).OrderBy(s => s.AfterSuccesses));
        _attempts = [.. plan.Attempts.OrderBy(a => a.Time)];
    }

    /// <summary>Door to door by air: an hour at airports, then <paramref name="km"/> at an airliner's speed.</summary>
    public static TimeSpan FlightTime(double km) => TimeSpan.FromHours(1 + (km / CruiseKmPerHour));

    /// <summary>When the first shift at or after <paramref name="from"/> begins for someone in <paramref name="place"/>, give or take 75 minutes.</summary>
    public static DateTimeOffset ShiftStart(City place, bool nightShift, DateTimeOffset from)
    {
        var offset = place.UtcOffset;
        var localDay = new DateTimeOffset((from + offset).UtcDateTime.Date, TimeSpan.Zero);
        var shiftStart = localDay + (nightShift ? NightShiftStart : DayShiftStart) - offset;
        return shiftStart < from ? shiftStart + TimeSpan.FromDays(1) : shiftStart;
    }

    /// <summary>
    /// When someone in <paramref name="place"/> is first at work for most of a shift, in a run from <paramref name="start"/>:
    /// at once if a shift with half its hours to go is under way, else when the next begins.
    /// </summary>
    public static DateTimeOffset FirstAtWork(City place, bool nightShift, DateTimeOffset start)
    {
        var underWay = ShiftStart(place, nightShift, start - TimeSpan.FromDays(1));
        return underWay + ShiftLength > start + (ShiftLength / 2) ? start : ShiftStart(place, nightShift, start);
    }

    private bool IsEntra => _profile.Provider == IdentityProvider.Entra;

    private SimulatedIdentity User => _profile.Identity;

    protected override void Fill(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var attempt in _attempts.Where(a => a.Time >= from && a.Time < to))
        {
            EmitAttempt(attempt);
        }

        PlanDay(from, to);
        _awayForTheDay = false;
        foreach (var slot in _slots)
        {
            if (_awayForTheDay || slot.Time < _quietUntil)
            {
                continue;
            }

            EmitSlot(slot);
            while (!_awayForTheDay && _triggered.TryPeek(out var next) && IsDue(next))
            {
                Run(_triggered.Dequeue());
            }
        }
    }

    /// <summary>
    /// Whether the user has the history a scenario stands out from: enough sign-ins, and for the scenarios judged against
    /// the user's policy decisions, some of those.
    /// </summary>
    private bool IsDue(UserScenario scenario) =>
        _successes >= scenario.AfterSuccesses &&
        scenario.Tag.Kind switch
        {
            ScenarioKinds.HigherClassification => _requests >= ClassificationHistory && _lastSuccess - _firstDecision >= ClassificationHistorySpan,
            ScenarioKinds.DenyBurst => _requests >= DecisionHistory,
            _ => true,
        };

    /// <summary>The shift that begins in [<paramref name="from"/>, <paramref name="to"/>); on the first day also the one under way, from the start of the run.</summary>
    private void PlanDay(DateTimeOffset from, DateTimeOffset to)
    {
        _slots.Clear();
        var night = _nightShift is not null;
        if (from == Start)
        {
            PlanShift(ShiftStart(_place, night, from - TimeSpan.FromDays(1)), from);
        }

        var shiftStart = ShiftStart(_place, night, from);
        if (shiftStart < to)
        {
            PlanShift(shiftStart, from);
        }
    }

    private void PlanShift(DateTimeOffset shiftStart, DateTimeOffset notBefore)
    {
        var workStart = shiftStart + _rng.Minutes(0, 75);
        var lunch = workStart + _rng.Minutes(180, 270);
        var workEnd = workStart + _rng.Minutes(450, 540);
        PlanSession(workStart, lunch, notBefore);
        PlanSession(lunch + _rng.Minutes(30, 75), workEnd, notBefore);
    }

    private void PlanSession(DateTimeOffset from, DateTimeOffset to, DateTimeOffset notBefore)
    {
        var session = _sessionCount++;
        var first = _slots.Count;
        for (var time = from + _rng.Minutes(0, 3); time < to; time += _rng.Minutes(8, 25))
        {
            if (time >= notBefore)
            {
                _slots.Add(new Slot(time, session, Closes: false));
            }
        }

        if (_slots.Count > first)
        {
            _slots[^1] = _slots[^1] with { Closes = true };
        }
    }

    private void EmitSlot(Slot slot)
    {
        if (_session?.Number != slot.Session)
        {
            OpenSession(slot);
        }
        else
        {
            var time = AppAccess(slot.Time, _session);
            MaybeDecide(time, _session);
        }

        if (slot.Closes)
        {
            CloseSession(slot.Time);
        }
    }

    private void OpenSession(Slot slot)
    {
        // A VPN user starts every shift on the laptop through the VPN, and after lunch works from home directly.
        var viaVpn = _vpn is not null && _place == _profile.Home && slot.Session % 2 == 0;
        var device = viaVpn ? _profile.Laptop : ChooseDevice();
        var (place, ip) = viaVpn ? (_vpn!.Place!, _vpn.Place!.NextIp(_rng)) : ChooseNetwork(device);
        var network = viaVpn ? VpnGateways.NamedLocation : null;
        // A night-shift worker's and a VPN user's every event is the look-alike: the VPN's is the switching between
        // the gateway and home, which needs both. A traveller's are those away, a new phone's those on it.
        var tag = _nightShift?.Tag
            ?? _vpn?.Tag
            ?? (_placeTag != ScenarioTag.Benign ? _placeTag : null)
            ?? (device == _phone ? _phoneTag : ScenarioTag.Benign);
        var session = new Session(slot.Session, NewSessionId(), device, place, ip, tag, network);
        _session = session;
        var time = slot.Time;
        if (_typo is { } typo)
        {
            _typo = null;
            time = MistypeTwice(time, session, typo);
            SignInWithMfa(time, session, typo, allowInterruption: false);
        }
        else
        {
            SignInWithMfa(time, session, tag, allowInterruption: true);
        }

        MaybeDecide(_lastSuccess, session);
    }

    private Device ChooseDevice()
    {
        if (_forcePhone)
        {
            _forcePhone = false;
            return _phone!;
        }

        return _phone is not null && _rng.NextDouble() < PhoneShare ? _phone : _profile.Laptop;
    }

    /// <summary>Where a new session's sign-ins come from: home (Wi-Fi, or a phone's carrier), or a hotel.</summary>
    private (City Place, string Ip) ChooseNetwork(Device device)
    {
        if (_place != _profile.Home)
        {
            return (_place, device.IsMobile ? _place.NextIp(_rng) : _hotelIp!);
        }

        return (_place, device.IsMobile && _rng.NextDouble() >= WifiShare ? _place.NextIp(_rng) : _profile.HomeIp);
    }

    /// <summary>
    /// The sign-in that opens a session: password, then an Authenticator push. Conditional Access now and then
    /// interrupts it first (Entra asks for the second factor, or the user declines a push by mistake).
    /// </summary>
    /// <returns>The time of the successful sign-in.</returns>
    private DateTimeOffset SignInWithMfa(DateTimeOffset time, Session session, ScenarioTag tag, bool allowInterruption)
    {
        var roll = allowInterruption ? _rng.NextDouble() : 1;
        if (IsEntra)
        {
            var correlation = _rng.NextGuid();
            var interruption = roll < MfaPromptShare ? SignInStatus.MfaRequired : roll < MfaPromptShare + MfaDeclinedShare ? SignInStatus.MfaDenied : null;
            if (interruption is not null)
            {
                AddSignIn(Fact(time, session, SignInApp(session.Device), interruption, tag) with { CorrelationId = correlation }, tag);
                time += _rng.Seconds(15, 45);
            }

            AddSignIn(Fact(time, session, SignInApp(session.Device), SignInStatus.Success, tag) with { CorrelationId = correlation }, tag);
        }
        else
        {
            if (roll < MfaDeclinedShare)
            {
                time = Push(time, session, approved: false, tag) + _rng.Seconds(10, 30);
            }

            time = Push(time, session, approved: true, tag) + _rng.Seconds(1, 3);
            AddSignIn(Fact(time, session, SignInApp(session.Device), SignInStatus.Success, tag), tag);
        }

        Succeeded(time, session);
        return time;
    }

    /// <summary>Okta: a push sent to the user's phone, and the answer a few seconds later.</summary>
    /// <returns>The time of the answer.</returns>
    private DateTimeOffset Push(DateTimeOffset time, Session session, bool approved, ScenarioTag tag)
    {
        AddSignIn(Fact(time, session, SignInApp(session.Device), SignInStatus.Success, tag) with { Step = SignInStep.MfaPushSent, SessionId = OktaLogEventJson.NoSession }, tag);
        var answered = time + _rng.Seconds(5, 20);
        var status = approved ? SignInStatus.Success : SignInStatus.MfaDenied;
        AddSignIn(Fact(answered, session, SignInApp(session.Device), status, tag) with { Step = SignInStep.MfaPushAnswered, SessionId = OktaLogEventJson.NoSession }, tag);
        return answered;
    }

    /// <returns>The time of the second failure.</returns>
    private DateTimeOffset MistypeTwice(DateTimeOffset time, Session session, ScenarioTag tag)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            AddSignIn(Fact(time, session, SignInApp(session.Device), SignInStatus.InvalidPassword, tag) with { MultiFactor = false, SessionId = FailedSessionId() }, tag);
            time += _rng.Seconds(15, 40);
        }

        return time;
    }

    /// <summary>An app opened within the session: Entra issues a token on the session's MFA claim; Okta logs single sign-on.</summary>
    private DateTimeOffset AppAccess(DateTimeOffset time, Session session, ScenarioTag? tag = null)
    {
        var eventTag = tag ?? session.Tag;
        var fact = IsEntra
            ? Fact(time, session, SignInApp(session.Device), SignInStatus.Success, eventTag) with { MfaPreviouslySatisfied = true }
            : Fact(time, session, _rng.Pick(Apps.Okta), SignInStatus.Success, eventTag) with { Step = SignInStep.SingleSignOn };
        AddSignIn(fact, eventTag);
        Succeeded(time, session);
        return time;
    }

    private void CloseSession(DateTimeOffset time)
    {
        if (!IsEntra && _session is { } session && _rng.NextDouble() < SignOutShare)
        {
            var end = time + _rng.Minutes(1, 10);
            AddSignIn(Fact(end, session, SignInApp(session.Device), SignInStatus.Success, session.Tag) with { Step = SignInStep.SessionEnd }, session.Tag);
        }

        _session = null;
    }

    /// <summary>Now and then the user opens documents soon after signing in: the document service asks OPA each time.</summary>
    private void MaybeDecide(DateTimeOffset time, Session session)
    {
        if (_rng.NextDouble() >= DecisionShare)
        {
            return;
        }

        for (var n = _rng.Next(1, 4); n > 0; n--)
        {
            var allowed = _rng.NextDouble() >= DocumentDenyShare;
            Decide(time + _rng.Seconds(20, 240), session.Id, session.Ip, session.Tag, DrawClassification(), allowed, allowed ? null : DeniedDocument);
        }
    }

    private string DrawClassification()
    {
        var roll = _rng.NextDouble();
        return _profile.Clearance == Classifications.Confidential
            ? roll < 0.2 ? Classifications.Public : roll < 0.8 ? Classifications.Internal : Classifications.Confidential
            : roll < 0.3 ? Classifications.Public : Classifications.Internal;
    }

    private void Decide(DateTimeOffset time, string? sessionId, string ip, ScenarioTag tag, string classification, bool allowed, string? denyReason)
    {
        _firstDecision ??= time;
        var decision = new DocumentDecision(
            time, _rng.NextGuid(), User.IdentityId, sessionId, ip, _rng.Pick(Actions), $"doc-{_rng.Next(1000, 100_000)}",
            classification, allowed, denyReason, $"{_rng.Pick(DocumentService)}:{_rng.Next(32768, 61000)}", ++_requests);
        Add(new DocumentDecisionEvent(decision, tag));
    }

    private void Run(UserScenario scenario)
    {
        var tag = scenario.Tag;
        var victim = (_successes, _lastSuccess, _lastPlace, _lastSessionId, _lastToken);
        Begin(scenario);

        // An attacker's sign-ins are not the victim's: the victim's own history goes on from where it was.
        if (tag.Malicious)
        {
            (_successes, _lastSuccess, _lastPlace, _lastSessionId, _lastToken) = victim;
        }
    }

    private void Begin(UserScenario scenario)
    {
        Action<ScenarioTag> begin = scenario.Tag.Kind switch
        {
            ScenarioKinds.BenignTypo => tag => _typo = tag,
            ScenarioKinds.BenignNewPhone => GetNewPhone,
            ScenarioKinds.BenignTravel => tag => Fly(scenario.Place!, tag),
            ScenarioKinds.ImpossibleTravel => ImpossibleTravel,
            ScenarioKinds.NewDeviceNewNetwork => NewDeviceNewNetwork,
            ScenarioKinds.AnonymizingNetwork => AnonymizingNetwork,
            ScenarioKinds.MfaFatigue => MfaFatigue,
            ScenarioKinds.NonCompliantDevice => NonCompliantDevice,
            ScenarioKinds.LegacyAuthentication => LegacyAuthentication,
            ScenarioKinds.SessionReplay => SessionReplay,
            ScenarioKinds.DenyBurst => DenyBurst,
            ScenarioKinds.HigherClassification => HigherClassification,
            ScenarioKinds.PostRevocationActivity => PostRevocationActivity,
            _ => throw new InvalidOperationException($"{scenario.Tag.Kind} is not a scenario of a user."),
        };
        begin(scenario.Tag);
    }

    /// <summary>A new phone, enrolled: the next session is on it, and every phone session after.</summary>
    private void GetNewPhone(ScenarioTag tag)
    {
        _phone = Devices.RegisteredPhone(_rng, _profile.FirstName);
        _phoneTag = tag;
        _forcePhone = true;
        _session = null;
    }

    /// <summary>The victim's own city and network, but a personal laptop that is neither managed nor compliant.</summary>
    private void NonCompliantDevice(ScenarioTag tag) =>
        AttackerSession(_lastSuccess + _rng.Minutes(10, 40), _profile.Home, _profile.Home.NextIp(_rng), Devices.PersonalLaptop(_rng), tag, _rng.Next(1, 3));

    /// <summary>
    /// Leaves for the airport after the last sign-in and flies at airliner speed; signs in at the hotel on arrival,
    /// and works there, in its local hours, for the rest of the run.
    /// </summary>
    private void Fly(City destination, ScenarioTag tag)
    {
        var arrival = _lastSuccess + FlightTime(_lastPlace.DistanceKm(destination)) + _rng.Minutes(20, 90);
        CloseSession(_lastSuccess);
        _awayForTheDay = true;
        _place = destination;
        _placeTag = tag;
        _hotelIp = destination.NextIp(_rng);
        var session = new Session(-1, NewSessionId(), _profile.Laptop, destination, _hotelIp, tag, null);
        var time = SignInWithMfa(arrival, session, tag, allowInterruption: false);
        for (var n = _rng.Next(2, 5); n > 0; n--)
        {
            time = AppAccess(time + _rng.Minutes(8, 20), session);
        }
    }

    /// <summary>A stolen credential (with the MFA it phished) used far away, minutes after the victim's own sign-in.</summary>
    private void ImpossibleTravel(ScenarioTag tag)
    {
        var origin = _rng.Pick([.. WorldCities.All.Where(c => c.DistanceKm(_lastPlace) >= AttackerMinimumKm)]);
        AttackerSession(_lastSuccess + _rng.Minutes(8, 25), origin, origin.NextIp(_rng), Devices.UnknownBrowser, tag, _rng.Next(1, 3));
    }

    /// <summary>
    /// The attacker's own machine in a neighbouring country, late enough after the victim's last sign-in that the
    /// trip was possible; the victim stays quiet until a trip back would have been possible too.
    /// </summary>
    private void NewDeviceNewNetwork(ScenarioTag tag)
    {
        var nearest = WorldCities.All.Where(c => c.CountryCode != _lastPlace.CountryCode).OrderBy(c => c.DistanceKm(_lastPlace)).Take(3).ToList();
        var origin = _rng.Pick(nearest);
        var trip = FlightTime(origin.DistanceKm(_lastPlace));
        var time = _lastSuccess + trip + _rng.Minutes(30, 90);
        _quietUntil = time + trip + _rng.Minutes(30, 90);
        _session = null;
        AttackerSession(time, origin, origin.NextIp(_rng), Devices.AttackerBrowser(_rng), tag, _rng.Next(1, 3));
    }

    /// <summary>Through Tor: the sign-in and the apps after it each leave from another exit.</summary>
    private void AnonymizingNetwork(ScenarioTag tag)
    {
        var time = _lastSuccess + _rng.Minutes(15, 60);
        var address = _rng.Pick(Anonymizers.Addresses);
        var session = AttackerSession(time, Anonymizers.ExitOf(address), address, Devices.TorBrowser, tag, followUps: 0);
        for (var n = _rng.Next(1, 3); n > 0; n--)
        {
            var next = _rng.Pick(Anonymizers.Addresses);
            time = AppAccess(time + _rng.Minutes(3, 12), session with { Place = Anonymizers.ExitOf(next), Ip = next });
        }
    }

    /// <summary>The attacker has the password and pushes until the victim gives in.</summary>
    private void MfaFatigue(ScenarioTag tag)
    {
        var origin = _rng.Pick(WorldCities.Hosting);
        var session = new Session(-1, NewSessionId(), Devices.UnknownBrowser, origin, origin.NextIp(_rng), tag, null);
        var time = _lastSuccess + _rng.Minutes(20, 90);
        for (var denials = _rng.Next(6, 13); denials > 0; denials--)
        {
            if (IsEntra)
            {
                AddSignIn(Fact(time, session, Apps.OfficeHome, SignInStatus.MfaDenied, tag), tag);
            }
            else
            {
                Push(time, session, approved: false, tag);
            }

            time += _rng.Seconds(45, 120);
        }

        if (IsEntra)
        {
            AddSignIn(Fact(time, session, Apps.OfficeHome, SignInStatus.Success, tag), tag);
        }
        else
        {
            time = Push(time, session, approved: true, tag) + _rng.Seconds(1, 3);
            AddSignIn(Fact(time, session, Apps.OfficeHome, SignInStatus.Success, tag), tag);
        }

        AppAccess(time + _rng.Minutes(1, 8), session);
    }

    /// <summary>A mail client with the password alone, over IMAP or Exchange ActiveSync, syncing every few minutes.</summary>
    private void LegacyAuthentication(ScenarioTag tag)
    {
        var imap = _rng.NextDouble() < 0.5;
        var client = Devices.LegacyMailClient(imap ? "BAV2ROPC" : "Android-Mail/2024.10.13.685309582.Release");
        var app = IsEntra
            ? imap ? Apps.ExchangeImap : Apps.ExchangeActiveSync
            : Apps.OktaOffice365 with { ClientAppUsed = imap ? Apps.ExchangeImap.ClientAppUsed : Apps.ExchangeActiveSync.ClientAppUsed };
        var origin = _rng.Pick(WorldCities.Hosting);
        var session = new Session(-1, IsEntra ? _rng.NextGuid() : OktaLogEventJson.NoSession, client, origin, origin.NextIp(_rng), tag, null);
        var time = _lastSuccess + _rng.Minutes(20, 90);
        for (var n = _rng.Next(2, 5); n > 0; n--)
        {
            var fact = Fact(time, session, app, SignInStatus.Success, tag) with { MultiFactor = false };
            AddSignIn(IsEntra ? fact : fact with { Step = SignInStep.SingleSignOn }, tag);
            time += _rng.Minutes(2, 6);
        }
    }

    /// <summary>The victim's session cookie and token, stolen, replayed from a server with a headless browser.</summary>
    private void SessionReplay(ScenarioTag tag)
    {
        var origin = _rng.Pick(WorldCities.Hosting);
        var replayed = new Session(-1, _lastSessionId, Devices.HeadlessBrowser, origin, origin.NextIp(_rng), tag, null);
        var time = _lastSuccess + _rng.Minutes(2, 12);
        for (var n = _rng.Next(2, 5); n > 0; n--)
        {
            var fact = IsEntra
                ? Fact(time, replayed, Apps.OfficeHome, SignInStatus.Success, tag) with { MfaPreviouslySatisfied = true, Interactive = false, UniqueTokenId = _lastToken }
                : Fact(time, replayed, _rng.Pick(Apps.Okta), SignInStatus.Success, tag) with { Step = SignInStep.SingleSignOn };
            AddSignIn(fact, tag);
            time += _rng.Minutes(1, 5);
        }
    }

    /// <summary>Someone in the victim's session asking for document after document the victim may not open.</summary>
    private void DenyBurst(ScenarioTag tag)
    {
        var time = _lastSuccess + _rng.Minutes(5, 30);
        var count = _rng.Next(12, 21);
        var spacing = _rng.Minutes(2, 4) / count;
        for (var n = 0; n < count; n++)
        {
            Decide(time + (spacing * n), _lastSessionId, _session?.Ip ?? _profile.HomeIp, tag, DrawClassification(), allowed: false, DeniedEnumeration);
        }
    }

    /// <summary>Documents classified above anything in the victim's history, opened from the victim's session.</summary>
    private void HigherClassification(ScenarioTag tag)
    {
        var time = _lastSuccess + _rng.Minutes(5, 30);
        for (var n = _rng.Next(3, 7); n > 0; n--)
        {
            Decide(time, _lastSessionId, _session?.Ip ?? _profile.HomeIp, tag, Classifications.Restricted, allowed: true, denyReason: null);
            time += _rng.Minutes(1, 3);
        }
    }

    /// <summary>
    /// A takeover the engine should revoke (far away, a new machine), after which the attacker's session goes on
    /// being used at the document service, whose PEP did not act on the revocation.
    /// </summary>
    private void PostRevocationActivity(ScenarioTag tag)
    {
        var origin = _rng.Pick([.. WorldCities.Hosting.Where(c => c.DistanceKm(_lastPlace) >= AttackerMinimumKm)]);
        var time = _lastSuccess + _rng.Minutes(8, 20);
        var session = AttackerSession(time, origin, origin.NextIp(_rng), Devices.AttackerBrowser(_rng), tag, _rng.Next(1, 3));
        time += _rng.Minutes(2, 4);
        var until = time + _rng.Minutes(20, 40);
        for (; time < until; time += _rng.Minutes(1, 3))
        {
            var classification = _rng.NextDouble() < 0.7 ? Classifications.Internal : Classifications.Confidential;
            Decide(time, session.Id, session.Ip, tag, classification, allowed: true, denyReason: null);
        }
    }

    /// <summary>An attacker's sign-in (with the MFA the attacker phished) and the apps opened after it.</summary>
    private Session AttackerSession(DateTimeOffset time, City origin, string ip, Device device, ScenarioTag tag, int followUps)
    {
        var session = new Session(-1, NewSessionId(), device, origin, ip, tag, null);
        time = SignInWithMfa(time, session, tag, allowInterruption: false);
        for (; followUps > 0; followUps--)
        {
            time = AppAccess(time + _rng.Minutes(1, 10), session);
        }

        return session;
    }

    /// <summary>A password tried by a spraying or brute-forcing attacker's script.</summary>
    private void EmitAttempt(ScheduledAttempt attempt)
    {
        var success = attempt.Status.IsSuccess;
        var sessionId = success ? NewSessionId() : FailedSessionId();
        var session = new Session(-1, sessionId, Devices.AttackerScript, attempt.Origin, attempt.IpAddress, attempt.Tag, null);
        AddSignIn(Fact(attempt.Time, session, Apps.MicrosoftOffice, attempt.Status, attempt.Tag) with { MultiFactor = false }, attempt.Tag);
    }

    private void Succeeded(DateTimeOffset time, Session session)
    {
        _successes++;
        _lastSuccess = time;
        _lastPlace = session.Place;
        _lastSessionId = session.Id;
    }

    private SignInFact Fact(DateTimeOffset time, Session session, IReadOnlyList<App> apps, SignInStatus status, ScenarioTag tag) =>
        Fact(time, session, _rng.Pick(apps), status, tag);

    private SignInFact Fact(DateTimeOffset time, Session session, App app, SignInStatus status, ScenarioTag tag) => new(
        time, _rng.NextGuid(), User, app, session.Device, session.Place, session.Ip, session.Id,
        IsEntra ? _rng.NextGuid() : _rng.NextAlphanumeric(27), status, MultiFactor: true, tag.Malicious, tag.Kind)
    {
        NamedNetwork = session.NamedNetwork,
    };

    private void AddSignIn(SignInFact fact, ScenarioTag tag)
    {
        if (fact.Status.IsSuccess && fact.Step is SignInStep.SignIn or SignInStep.SingleSignOn)
        {
            _lastToken = fact.TokenIdentifier;
        }

        Add(new SignInEvent(fact, _profile.Provider, tag));
    }

    private IReadOnlyList<App> SignInApp(Device device) => IsEntra ? device.IsMobile ? Apps.Mobile : Apps.Desktop : Apps.Okta;

    /// <summary>Entra's session id is a GUID; Okta's externalSessionId is <c>102</c> and 22 letters and digits.</summary>
    private string NewSessionId() => IsEntra ? _rng.NextGuid() : "102" + _rng.NextAlphanumeric(22);

    /// <summary>A failed sign-in opens no session: Entra still names one, Okta writes "unknown".</summary>
    private string FailedSessionId() => IsEntra ? _rng.NextGuid() : OktaLogEventJson.NoSession;

    private readonly record struct Slot(DateTimeOffset Time, int Session, bool Closes);

    /// <param name="Number">The planned session's number; -1 for one opened outside the plan (an arrival, an attacker's).</param>
    private sealed record Session(int Number, string Id, Device Device, City Place, string Ip, ScenarioTag Tag, string? NamedNetwork);
}
