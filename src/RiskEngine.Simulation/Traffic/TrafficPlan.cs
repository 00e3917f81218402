using RiskEngine.Simulation.Decisions;
using RiskEngine.Simulation.Mesh;
using RiskEngine.Simulation.Networks;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Users;

namespace RiskEngine.Simulation.Traffic;

/// <summary>
/// Who is in a run and what happens to whom: the users (split between Entra and Okta), the mesh, and every
/// scenario instance assigned to its users or workloads. Drawn once from the seed; the timelines it makes replay it.
/// </summary>
internal sealed class TrafficPlan
{
    private const double ConfidentialClearanceShare = 0.25;
    private const double TravelMinimumKm = 3000;
    private const double TravelMaximumKm = 9000;
    private const int MinimumSprayAccounts = 3;
    private const double MinimumFloodPerMinute = 60;

    /// <summary>How long after the first shift starts a scenario of this kind is over, at the latest, for a victim to qualify.</summary>
    private static readonly TimeSpan UsualLatency = TimeSpan.FromHours(5);
    private static readonly TimeSpan LongLatency = TimeSpan.FromHours(11);

    private readonly Random _rng;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;
    private readonly double _meshRate;
    private readonly UserPlan[] _users;
    private readonly int[] _order;
    private readonly HashSet<int> _taken = [];
    private readonly HashSet<Workload> _busyWorkloads = [];
    private readonly MeshTopology _mesh;
    private readonly List<MeshEdge> _edges;
    private readonly List<MeshScenario> _meshScenarios = [];
    private readonly List<ScenarioInstance> _instances = [];
    private readonly int[] _workloadSeeds;
    private IdentityProvider _nextProvider = IdentityProvider.Entra;

    private TrafficPlan(TrafficOptions options)
    {
        _rng = new Random(options.Seed);
        _start = EventTime.Truncate(options.Start);
        _end = _start + options.Duration;
        _meshRate = options.MeshRate;
        _users = DrawUsers(options.Identities, options.OktaShare);
        _order = [.. Enumerable.Range(0, _users.Length)];
        _rng.Shuffle(_order);
        _mesh = MeshTopology.Create(_rng, _start);
        _edges = [.. _mesh.Edges];
        _workloadSeeds = [.. _mesh.Workloads.Select(_ => _rng.Next())];
        foreach (var (kind, count) in options.Scenarios.Kinds)
        {
            for (var n = 1; n <= count; n++)
            {
                Assign(new ScenarioInstance($"{kind}-{n}", kind, ScenarioKinds.IsAttack(kind), []), n);
            }
        }
    }

    public IReadOnlyList<ScenarioInstance> Instances => _instances;

    /// <exception cref="ArgumentException">The population is too small for the scenario mix.</exception>
    public static TrafficPlan Create(TrafficOptions options) => new(options);

    /// <summary>A fresh timeline for every user and every workload that calls another: enumerating them replays the run.</summary>
    public IReadOnlyList<IEnumerable<TrafficEvent>> Timelines()
    {
        var timelines = new List<IEnumerable<TrafficEvent>>(_users.Length + _mesh.Workloads.Count);
        timelines.AddRange(_users.Select(user => new UserTimeline(user, _start, _end).Events()));
        for (var i = 0; i < _mesh.Workloads.Count; i++)
        {
            var workload = _mesh.Workloads[i];
            var edges = _edges.Where(e => e.Source == workload).ToList();
            var scenarios = _meshScenarios.Where(s => s.Source == workload).ToList();
            if (edges.Count > 0 || scenarios.Count > 0)
            {
                timelines.Add(new WorkloadTimeline(workload, edges, scenarios, _meshRate, _workloadSeeds[i], _start, _end).Events());
            }
        }

        return timelines;
    }

    private UserPlan[] DrawUsers(int count, double oktaShare)
    {
        var okta = new bool[count];
        var order = Enumerable.Range(0, count).ToArray();
        _rng.Shuffle(order);
        foreach (var i in order.Take((int)Math.Round(count * oktaShare, MidpointRounding.AwayFromZero)))
        {
            okta[i] = true;
        }

        var principalNames = new HashSet<string>(StringComparer.Ordinal);
        var users = new UserPlan[count];
        for (var i = 0; i < count; i++)
        {
            var person = Population.DrawPerson(_rng, principalNames);
            var provider = okta[i] ? IdentityProvider.Okta : IdentityProvider.Entra;

            // Entra names a user by its object id; Okta by a user id such as 00u1qw1mqitPHM8AJ0g7.
            var id = okta[i] ? "00u" + _rng.NextAlphanumeric(17) : _rng.NextGuid();
            var devices = Population.DrawDevices(_rng, person.FirstName);
            var clearance = _rng.NextDouble() < ConfidentialClearanceShare ? Classifications.Confidential : Classifications.Internal;
            users[i] = new UserPlan(new UserProfile(
                new SimulatedIdentity(id, person.PrincipalName, person.DisplayName, person.Home.Name, IsTakeoverVictim: false),
                provider,
                person.FirstName,
                person.Home,
                person.Home.NextIp(_rng),
                devices[0],
                devices.Length > 1 ? devices[1] : null,
                clearance,
                _rng.Next()));
        }

        return users;
    }

    private void Assign(ScenarioInstance instance, int number)
    {
        var tag = instance.Tag;
        string[] targets = instance.Kind switch
        {
            ScenarioKinds.BruteForce => [BruteForce(tag)],
            ScenarioKinds.PasswordSpray => PasswordSpray(tag),
            ScenarioKinds.LateralMovement or ScenarioKinds.RequestRateSpike or ScenarioKinds.Scanning or ScenarioKinds.Exfiltration =>
                [MeshAttack(tag, number % 2 == 1 ? MeshKind.Istio : MeshKind.Linkerd)],
            ScenarioKinds.BenignDeployment => [Deployment(tag, number % 2 == 1 ? MeshKind.Istio : MeshKind.Linkerd)],
            ScenarioKinds.BenignTravel => [Travel(tag, number)],
            ScenarioKinds.BenignNightShift => [TakeUser(tag.Kind, _ => true).Add(new UserScenario(tag, 0))],
            ScenarioKinds.BenignVpn => [Vpn(tag)],
            ScenarioKinds.HigherClassification => [Triggered(tag, p => p.Clearance == Classifications.Internal && InTime(p, UsualLatency))],
            ScenarioKinds.NonCompliantDevice => [Triggered(tag, p => p.Laptop.IsCompliant && (p.Phone?.IsCompliant ?? true) && InTime(p, UsualLatency))],
            ScenarioKinds.NewDeviceNewNetwork => [Triggered(tag, p => InTime(p, LongLatency))],
            _ => [Triggered(tag, p => InTime(p, UsualLatency))],
        };
        _instances.Add(instance with { Targets = targets });
    }

    /// <summary>A scenario that begins after the user's third to seventh successful sign-in of the run.</summary>
    private string Triggered(ScenarioTag tag, Func<UserProfile, bool> qualifies, City? place = null) =>
        TakeUser(tag.Kind, qualifies).Add(new UserScenario(tag, 3 + _rng.Next(0, 5), place));

    /// <summary>A flight to a city 3,000 to 9,000 km away; the first flies Oslo to New York.</summary>
    private string Travel(ScenarioTag tag, int number)
    {
        if (number == 1)
        {
            var (oslo, newYork) = (WorldCities.Named("Oslo"), WorldCities.Named("New York"));
            var index = Take(tag.Kind, _ => true);
            var profile = _users[index].Profile;
            _users[index] = new UserPlan(profile with
            {
                Home = oslo,
                HomeIp = oslo.NextIp(_rng),
                Identity = profile.Identity with { HomeCity = oslo.Name },
            });
            return _users[index].Add(new UserScenario(tag, 3 + _rng.Next(0, 3), newYork));
        }

        var user = TakeUser(tag.Kind, p => Destinations(p.Home).Any(d => InTime(p, LongLatency + FlightTime(p.Home, d))));
        var home = user.Profile.Home;
        var destination = _rng.Pick([.. Destinations(home)]);
        return user.Add(new UserScenario(tag, 3 + _rng.Next(0, 3), destination));
    }

    /// <summary>Half the sessions through the VPN gateway farthest from home.</summary>
    private string Vpn(ScenarioTag tag)
    {
        var user = TakeUser(tag.Kind, _ => true);
        var gateway = VpnGateways.All.MaxBy(g => g.DistanceKm(user.Profile.Home))!;
        return user.Add(new UserScenario(tag, 0, gateway));
    }

    /// <summary>Twenty to forty passwords on one account from one address, eight to twenty seconds apart; smart lockout after ten.</summary>
    private string BruteForce(ScenarioTag tag)
    {
        var victim = TakeUser(tag.Kind, _ => true);
        var origin = _rng.Pick(WorldCities.Hosting);
        var ip = origin.NextIp(_rng);
        var time = AttackStart(TimeSpan.FromMinutes(15));
        for (var attempt = 0; attempt < _rng.Next(20, 41); attempt++)
        {
            victim.Attempts.Add(new ScheduledAttempt(time, tag, origin, ip, attempt < 10 ? SignInStatus.InvalidPassword : SignInStatus.AccountLocked));
            time += _rng.Seconds(8, 20);
        }

        return victim.Profile.Identity.IdentityId;
    }

    /// <summary>Ten to twenty accounts of one provider, a password or two each from one address; one account falls.</summary>
    private string[] PasswordSpray(ScenarioTag tag)
    {
        var provider = NextProvider();
        if (Available(provider) < MinimumSprayAccounts)
        {
            provider = provider == IdentityProvider.Entra ? IdentityProvider.Okta : IdentityProvider.Entra;
        }

        var accounts = new List<UserPlan>();
        for (var wanted = _rng.Next(10, 21); accounts.Count < wanted && TryTake(provider, _ => true, out var index); )
        {
            accounts.Add(_users[index]);
        }

        if (accounts.Count < MinimumSprayAccounts)
        {
            throw TooFew(tag.Kind);
        }

        var origin = _rng.Pick(WorldCities.Hosting);
        var ip = origin.NextIp(_rng);
        var time = AttackStart(TimeSpan.FromMinutes(30));
        var rounds = accounts.Select(_ => _rng.Next(1, 3)).ToList();
        var last = new Dictionary<UserPlan, ScheduledAttempt>();
        for (var round = 1; round <= 2; round++)
        {
            for (var i = 0; i < accounts.Count; i++)
            {
                if (rounds[i] >= round)
                {
                    time += _rng.Seconds(5, 30);
                    var attempt = new ScheduledAttempt(time, tag, origin, ip, SignInStatus.InvalidPassword);
                    accounts[i].Attempts.Add(attempt);
                    last[accounts[i]] = attempt;
                }
            }
        }

        var fallen = _rng.Pick(accounts);
        fallen.Attempts[^1] = last[fallen] with { Status = SignInStatus.Success };
        return [.. accounts.Select(a => a.Profile.Identity.IdentityId)];
    }

    private string MeshAttack(ScenarioTag tag, MeshKind mesh)
    {
        var edges = _mesh.Edges.Where(e => e.Source.Mesh == mesh).ToList();
        var length = tag.Kind switch
        {
            ScenarioKinds.RequestRateSpike => _rng.Minutes(5, 10),
            ScenarioKinds.Scanning => _rng.Minutes(3, 6),
            _ => _rng.Minutes(10, 20),
        };
        var start = AttackStart(length);
        MeshScenario scenario;
        if (tag.Kind == ScenarioKinds.LateralMovement)
        {
            var pairs = (from caller in edges.Select(e => e.Source).Distinct()
                         from callee in _mesh.Workloads
                         where callee.Mesh == mesh && MeshTopology.IsSensitive(callee) && callee != caller && !Calls(caller, callee)
                         select (caller, callee)).ToList();
            var (source, target) = PickFree(pairs, pair => pair.caller);
            scenario = new MeshScenario(tag, source, target, start, start + length, 1 + _rng.NextDouble());
        }
        else
        {
            var edge = PickFree(edges, e => e.Source);
            var perMinute = tag.Kind switch
            {
                // A flood from a compromised pod: many times all the workload's usual traffic, and never fewer than
                // one request a second, however quiet the workload.
                ScenarioKinds.RequestRateSpike => Math.Max(
                    edges.Where(e => e.Source == edge.Source).Sum(e => e.PerMinute) * _meshRate * _rng.Next(5, 11),
                    MinimumFloodPerMinute),
                ScenarioKinds.Scanning => _rng.Next(15, 31),
                _ => 1 + _rng.NextDouble(),
            };
            scenario = new MeshScenario(tag, edge.Source, edge.Destination, start, start + length, perMinute);
        }

        _meshScenarios.Add(scenario);
        return scenario.Source.Identity;
    }

    /// <summary>A new edge, from every pod of a calling workload at once, to a service it did not call before.</summary>
    private string Deployment(ScenarioTag tag, MeshKind mesh)
    {
        var pairs = (from source in _edges.Where(e => e.Source.Mesh == mesh).Select(e => e.Source).Distinct()
                     from target in _mesh.Workloads
                     where target.Mesh == mesh && !MeshTopology.IsSensitive(target) && target != source && !Calls(source, target)
                     select (source, target)).ToList();
        var (caller, callee) = PickFree(pairs, pair => pair.source);
        var from = _start + (_end - _start) * (0.2 + (0.4 * _rng.NextDouble()));
        _edges.Add(new MeshEdge(caller, callee, 0.8, MeshTopology.EndpointsOf(callee), EventTime.Truncate(from), tag));
        return caller.Identity;
    }

    /// <summary>
    /// One of <paramref name="candidates"/> whose workload no other mesh scenario has (so that each instance's events
    /// are its own workload's doing), else any; the workload is busy from now on.
    /// </summary>
    private T PickFree<T>(List<T> candidates, Func<T, Workload> workload)
    {
        var free = candidates.FindAll(c => !_busyWorkloads.Contains(workload(c)));
        var pick = _rng.Pick(free.Count > 0 ? free : candidates);
        _busyWorkloads.Add(workload(pick));
        return pick;
    }

    private bool Calls(Workload source, Workload target) =>
        _edges.Exists(e => e.Source == source && e.Destination == target) || _meshScenarios.Exists(s => s.Source == source && s.Destination == target);

    /// <summary>A time for an attack of <paramref name="length"/>, once the run has history (two hours, or a fifth of it) and before its last hour.</summary>
    private DateTimeOffset AttackStart(TimeSpan length)
    {
        var duration = _end - _start;
        var earliest = _start + TimeSpan.FromTicks(Math.Max(TimeSpan.FromHours(2).Ticks, duration.Ticks / 5));
        var latest = _end - TimeSpan.FromHours(1) - length;
        return EventTime.Truncate(latest > earliest ? earliest + _rng.Between(TimeSpan.Zero, latest - earliest) : earliest);
    }

    private static IEnumerable<City> Destinations(City home) =>
        WorldCities.All.Where(c => home.DistanceKm(c) is >= TravelMinimumKm and <= TravelMaximumKm);

    private static TimeSpan FlightTime(City from, City to) => UserTimeline.FlightTime(from.DistanceKm(to));

    /// <summary>Whether a scenario beginning on the user's first shift and lasting <paramref name="latency"/> ends within the run.</summary>
    private bool InTime(UserProfile user, TimeSpan latency) => UserTimeline.FirstAtWork(user.Home, nightShift: false, _start) + latency < _end;

    private UserPlan TakeUser(string kind, Func<UserProfile, bool> qualifies) => _users[Take(kind, qualifies)];

    /// <summary>
    /// The next user no scenario has, of the provider whose turn it is (so that each kind's instances alternate between
    /// Entra and Okta) and qualifying; else of the other provider; else any user not yet taken.
    /// </summary>
    private int Take(string kind, Func<UserProfile, bool> qualifies)
    {
        var provider = NextProvider();
        var other = provider == IdentityProvider.Entra ? IdentityProvider.Okta : IdentityProvider.Entra;
        if (TryTake(provider, qualifies, out var index) || TryTake(other, qualifies, out index) ||
            TryTake(provider, _ => true, out index) || TryTake(other, _ => true, out index))
        {
            return index;
        }

        throw TooFew(kind);
    }

    private bool TryTake(IdentityProvider provider, Func<UserProfile, bool> qualifies, out int index)
    {
        var at = Array.FindIndex(_order, i => !_taken.Contains(i) && _users[i].Profile.Provider == provider && qualifies(_users[i].Profile));
        index = at >= 0 ? _order[at] : -1;
        if (index >= 0)
        {
            _taken.Add(index);
        }

        return index >= 0;
    }

    private int Available(IdentityProvider provider) => _order.Count(i => !_taken.Contains(i) && _users[i].Profile.Provider == provider);

    private IdentityProvider NextProvider()
    {
        var provider = _nextProvider;
        _nextProvider = provider == IdentityProvider.Entra ? IdentityProvider.Okta : IdentityProvider.Entra;
        return provider;
    }

    /// <param name="setting">The option to change: the population's size.</param>
    private static ArgumentException TooFew(string kind, string setting = nameof(TrafficOptions.Identities)) => new(
        $"{setting} is too small for the scenario mix: no user is left for {kind}. Every user scenario takes a user of its own, a password spray ten to twenty.",
        setting);
}
