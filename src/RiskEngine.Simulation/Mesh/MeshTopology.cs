namespace RiskEngine.Simulation.Mesh;

/// <summary>
/// Two clusters: a shop on Istio (whose payments service and secrets store check every caller with OPA through
/// Envoy's ext_authz) and a bookshop with its billing on Linkerd. Who calls whom, and how often a minute.
/// </summary>
internal sealed class MeshTopology
{
    private const string GoClient = "Go-http-client/1.1";

    private MeshTopology(IReadOnlyList<Workload> workloads, IReadOnlyList<MeshEdge> edges)
    {
        Workloads = workloads;
        Edges = edges;
    }

    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>The calls every run has, from its start.</summary>
    public IReadOnlyList<MeshEdge> Edges { get; }

    /// <summary>Services holding what attackers are after: secrets, payments, the ledger.</summary>
    public static bool IsSensitive(Workload workload) => workload.Name is "vault" or "payments" or "ledger";

    /// <summary>The topology, its pods' addresses drawn from <paramref name="rng"/>.</summary>
    public static MeshTopology Create(Random rng, DateTimeOffset start)
    {
        Workload Istio(string name, string ns, int pods, string userAgent, bool extAuthz = false, int port = 8080) =>
            new(name, ns, MeshKind.Istio, port, PodIps(rng, "10.244", pods), userAgent, extAuthz, $"/api/{name}/export");
        Workload Linkerd(string name, string ns, int port, int pods) =>
            new(name, ns, MeshKind.Linkerd, port, PodIps(rng, "10.42", pods), GoClient, ExternalAuthorization: false, $"/{name}/export");

        var frontend = Istio("frontend", "shop", 3, "axios/1.7.7");
        var catalog = Istio("catalog", "shop", 2, "python-requests/2.32.3");
        var cart = Istio("cart", "shop", 2, "okhttp/4.12.0");
        var checkout = Istio("checkout", "shop", 4, GoClient);
        var payments = Istio("payments", "shop", 2, GoClient, extAuthz: true);
        var orders = Istio("orders", "shop", 2, "okhttp/4.12.0");
        var inventory = Istio("inventory", "shop", 2, GoClient);
        var recommendations = Istio("recommendations", "shop", 2, "python-requests/2.32.3");
        var shipping = Istio("shipping", "shop", 2, GoClient);
        var fraudCheck = Istio("fraud-check", "shop", 2, "python-requests/2.32.3");
        var vault = Istio("vault", "platform", 2, "Go-http-client/2.0", extAuthz: true, port: 8200);
        var traffic = Linkerd("traffic", "booksapp", 8080, 2);
        var webapp = Linkerd("webapp", "booksapp", 7000, 3);
        var authors = Linkerd("authors", "booksapp", 7001, 2);
        var books = Linkerd("books", "booksapp", 7002, 2);
        var invoices = Linkerd("invoices", "billing", 8080, 2);
        var ledger = Linkerd("ledger", "billing", 8080, 2);
        var reports = Linkerd("reports", "billing", 8080, 2);
        var taxRates = Linkerd("tax-rates", "billing", 8080, 2);

        MeshEdge Edge(Workload source, Workload destination, double perMinute) =>
            new(source, destination, perMinute, EndpointsOf(destination), start, Scenarios.ScenarioTag.Benign);

        return new MeshTopology(
            [frontend, catalog, cart, checkout, payments, orders, inventory, recommendations, shipping, fraudCheck, vault,
             traffic, webapp, authors, books, invoices, ledger, reports, taxRates],
            [
                Edge(frontend, catalog, 6), Edge(frontend, cart, 2.5), Edge(frontend, recommendations, 3), Edge(frontend, checkout, 0.8),
                Edge(checkout, payments, 0.6), Edge(checkout, orders, 0.6), Edge(checkout, inventory, 0.8), Edge(cart, inventory, 1.2),
                Edge(orders, shipping, 0.4), Edge(payments, vault, 0.2), Edge(recommendations, catalog, 1.5),
                Edge(traffic, webapp, 4), Edge(webapp, authors, 2.5), Edge(webapp, books, 3), Edge(books, authors, 0.8),
                Edge(webapp, invoices, 0.4), Edge(invoices, ledger, 0.8), Edge(reports, ledger, 0.3),
            ]);
    }

    /// <summary>What a workload serves: a few routes with their usual request and response sizes.</summary>
    public static IReadOnlyList<Endpoint> EndpointsOf(Workload workload) => workload.Name switch
    {
        "catalog" => [new("GET", "/api/products/{id}", 0, 4_200), new("GET", "/api/products?category=shoes&page={id}", 0, 18_500)],
        "cart" => [new("GET", "/api/carts/{id}", 0, 1_300), new("POST", "/api/carts/{id}/items", 240, 1_450)],
        "checkout" => [new("POST", "/api/checkout", 1_100, 620)],
        "payments" => [new("POST", "/v1/charges", 860, 710), new("GET", "/v1/charges/{id}", 0, 690)],
        "orders" => [new("POST", "/api/orders", 1_500, 540), new("GET", "/api/orders/{id}", 0, 2_300)],
        "inventory" => [new("GET", "/api/stock/{id}", 0, 310), new("POST", "/api/reservations", 180, 260)],
        "recommendations" => [new("GET", "/api/recommendations?user={id}", 0, 3_900)],
        "shipping" => [new("POST", "/api/shipments", 640, 410), new("GET", "/api/shipments/{id}/quote", 0, 280)],
        "fraud-check" => [new("POST", "/v1/score", 920, 150)],
        "vault" => [new("GET", "/v1/secret/data/payments/stripe", 0, 820), new("POST", "/v1/auth/kubernetes/login", 1_200, 1_050)],
        "webapp" => [new("GET", "/", 0, 19_600), new("GET", "/authors/{id}", 0, 2_350), new("POST", "/books", 46, 0)],
        "authors" => [new("GET", "/authors/{id}.json", 0, 310), new("GET", "/authors.json", 0, 4_800)],
        "books" => [new("GET", "/books/{id}.json", 0, 420), new("GET", "/books.json", 0, 9_700), new("PUT", "/books/{id}.json", 160, 0)],
        "invoices" => [new("GET", "/invoices/{id}", 0, 1_900), new("POST", "/invoices", 730, 280)],
        "ledger" => [new("POST", "/ledger/entries", 520, 120), new("GET", "/ledger/balance/{id}", 0, 260)],
        "tax-rates" => [new("GET", "/rates/{id}", 0, 180)],
        _ => [new("GET", "/healthz", 0, 2)],
    };

    private static string[] PodIps(Random rng, string prefix, int pods)
    {
        var node = rng.Next(1, 30);
        var ips = new List<string>(pods);
        while (ips.Count < pods)
        {
            var ip = $"{prefix}.{node + rng.Next(0, 3)}.{rng.Next(2, 250)}";
            if (!ips.Contains(ip))
            {
                ips.Add(ip);
            }
        }

        return [.. ips];
    }
}
