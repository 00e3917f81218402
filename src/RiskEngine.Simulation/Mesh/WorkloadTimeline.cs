using System.Globalization;
using RiskEngine.Simulation.Decisions;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Simulation.Mesh;

/// <summary>
/// The requests a workload makes over a run, an hour at a time, as its callees' proxies log them: each of its edges
/// a Poisson stream at the edge's rate, a few 404s and 503s among them, and the attacks planned for it. A call to a
/// service behind ext_authz brings OPA's decision on it too.
/// </summary>
internal sealed class WorkloadTimeline : ChunkedTimeline
{
    private const double NotFoundShare = 0.015;
    private const double UnavailableShare = 0.002;
    private const string RbacDenied = "rbac_access_denied_matched_policy[none]";
    private const string ExtAuthzDenied = "ext_authz_denied";

    private static readonly IReadOnlyList<string> ScanPaths =
    [
        "/.env", "/.git/config", "/admin", "/admin/login", "/actuator/env", "/actuator/heapdump", "/api/v1/users", "/api/internal/debug",
        "/config.json", "/debug/pprof/", "/metrics", "/swagger.json", "/v2/api-docs", "/wp-login.php", "/server-status", "/console",
        "/api/admin/users", "/backup.sql", "/.aws/credentials", "/graphql",
    ];

    private readonly Workload _source;
    private readonly IReadOnlyList<MeshEdge> _edges;
    private readonly IReadOnlyList<MeshScenario> _scenarios;
    private readonly double _rate;
    private readonly Random _rng;
    private long _requests;

    /// <param name="rate">Multiplies every edge's rate; attacks keep their own.</param>
    public WorkloadTimeline(
        Workload source, IReadOnlyList<MeshEdge> edges, IReadOnlyList<MeshScenario> scenarios, double rate, int seed, DateTimeOffset start, DateTimeOffset end)
        : base(start, end, TimeSpan.FromHours(1))
    {
        _source = source;
        _edges = edges;
        _scenarios = scenarios;
        _rate = rate;
        _rng = new Random(seed);
    }

    protected override void Fill(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var edge in _edges)
        {
            // A rollout: every pod of the new version calls its new destination as it comes up, within a minute.
            if (edge.Tag.Kind == ScenarioKinds.BenignDeployment && edge.ActiveFrom >= from && edge.ActiveFrom < to)
            {
                foreach (var pod in _source.PodIps)
                {
                    Ordinary(edge.ActiveFrom + _rng.Seconds(0, 60), edge.Destination, edge.Tag, pod);
                }
            }

            var spikes = _scenarios.Where(s => s.Tag.Kind == ScenarioKinds.RequestRateSpike && s.Destination == edge.Destination).ToList();
            foreach (var time in Arrivals(from > edge.ActiveFrom ? from : edge.ActiveFrom, to, edge.PerMinute * _rate))
            {
                // A spike replaces the edge's traffic while it lasts: every request of the window is the attacker's.
                if (!spikes.Exists(s => time >= s.Start && time < s.End))
                {
                    Ordinary(time, edge.Destination, edge.Tag);
                }
            }
        }

        foreach (var scenario in _scenarios)
        {
            var windowStart = from > scenario.Start ? from : scenario.Start;
            var windowEnd = to < scenario.End ? to : scenario.End;
            foreach (var time in Arrivals(windowStart, windowEnd, scenario.PerMinute))
            {
                Attack(time, scenario);
            }
        }
    }

    private IEnumerable<DateTimeOffset> Arrivals(DateTimeOffset from, DateTimeOffset to, double perMinute)
    {
        for (var time = from + _rng.NextArrival(perMinute); time < to; time += _rng.NextArrival(perMinute))
        {
            yield return time;
        }
    }

    private void Ordinary(DateTimeOffset time, Workload destination, ScenarioTag tag, string? pod = null)
    {
        var endpoint = _rng.Pick(MeshTopology.EndpointsOf(destination));
        var roll = _rng.NextDouble();
        var (status, bytes) = roll < NotFoundShare ? (404, 58L)
            : roll < NotFoundShare + UnavailableShare ? (503, 95L)
            : (endpoint.Method == "POST" ? 201 : 200, Vary(endpoint.ResponseBytes));
        Send(time, pod ?? _rng.Pick(_source.PodIps), destination, endpoint, status, bytes, tag);
    }

    private void Attack(DateTimeOffset time, MeshScenario scenario)
    {
        // One compromised pod does it all.
        var pod = _source.PodIps[0];
        var destination = scenario.Destination;
        var tag = scenario.Tag;
        switch (tag.Kind)
        {
            case ScenarioKinds.RequestRateSpike:
                var endpoint = _rng.Pick(MeshTopology.EndpointsOf(destination));
                Send(time, pod, destination, endpoint, endpoint.Method == "POST" ? 201 : 200, Vary(endpoint.ResponseBytes), tag);
                break;
            case ScenarioKinds.LateralMovement:
                // Services behind ext_authz refuse it through OPA; the others answer a share of it.
                var probe = _rng.Pick(MeshTopology.EndpointsOf(destination));
                var refused = destination.ExternalAuthorization || _rng.NextDouble() < 0.7;
                Send(time, pod, destination, probe, refused ? 403 : 200, refused ? 19 : Vary(probe.ResponseBytes), tag);
                break;
            case ScenarioKinds.Scanning:
                var roll = _rng.NextDouble();
                var status = roll < 0.6 ? 404 : roll < 0.95 ? 403 : 200;
                Send(time, pod, destination, new Endpoint("GET", _rng.Pick(ScanPaths), 0, 0), status, status == 200 ? 2_100 : 19, tag);
                break;
            case ScenarioKinds.Exfiltration:
                var export = new Endpoint("GET", destination.BulkPath + "?format=csv&page={id}", 0, 0);
                Send(time, pod, destination, export, 200, _rng.NextInt64(20_000_000, 200_000_000), tag);
                break;
            default:
                throw new InvalidOperationException($"{tag.Kind} is not a scenario of a workload.");
        }
    }

    /// <summary>Logs the request at its callee, after OPA's decision on it when the callee asks OPA.</summary>
    private void Send(DateTimeOffset time, string pod, Workload destination, Endpoint endpoint, int status, long bytesSent, ScenarioTag tag)
    {
        var denied = status == 403;
        var details = !denied ? AccessLogJson.Upstream : destination.ExternalAuthorization ? ExtAuthzDenied : RbacDenied;

        // Bulk responses take seconds to stream; the rest a few milliseconds.
        var duration = denied ? _rng.Next(0, 2) : 2 + (Math.Pow(_rng.NextDouble(), 2) * 60) + (bytesSent / 20_000.0);
        var request = new MeshRequest(
            time, _source, pod, _rng.Next(32768, 61000), destination, _rng.Pick(destination.PodIps), endpoint.Method,
            endpoint.Path.Replace("{id}", _rng.Next(1, 100_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            destination.Mesh == MeshKind.Istio ? "HTTP/1.1" : "HTTP/2.0", status, details, details == ExtAuthzDenied ? "UAEX" : "-",
            endpoint.RequestBytes == 0 ? 0 : Vary(endpoint.RequestBytes), bytesSent, duration, _rng.NextGuid());
        if (destination.ExternalAuthorization)
        {
            Add(new ExtAuthzDecisionEvent(request, _rng.NextGuid(), allowed: details != ExtAuthzDenied, ++_requests, tag));
        }

        Add(new MeshRequestEvent(request, tag));
    }

    private long Vary(long bytes) => (long)(bytes * (0.5 + _rng.NextDouble()));
}
