namespace RiskEngine.Simulation;

/// <summary>Draws the identities of a run: names, homes, devices and who gets which irregularity.</summary>
internal static class Population
{
    private const double OfficeShare = 0.65;
    private const double PhoneShare = 0.5;
    private const double TypoShare = 0.10;
    private const double TravelShare = 0.05;
    private const double NewDeviceShare = 0.03;

    private static readonly string[] FirstNames =
    [
        "Ada", "Adebayo", "Aiko", "Alejandro", "Amara", "Anders", "Ananya", "Beatriz", "Chen", "Chloe",
        "Daniel", "Dmitri", "Elena", "Emeka", "Fatima", "Felix", "Grace", "Hana", "Hiroshi", "Ines",
        "Isabel", "James", "Jin", "Kavya", "Lars", "Leila", "Lucas", "Maria", "Mateo", "Mei",
        "Nadia", "Noah", "Olivia", "Priya", "Rafael", "Sara", "Sofia", "Tariq", "Wei", "Zanele",
    ];

    private static readonly string[] LastNames =
    [
        "Abara", "Andersson", "Bianchi", "Costa", "Dubois", "Eze", "Fernandez", "Garcia", "Haddad", "Ito",
        "Jensen", "Kim", "Kowalski", "Kumar", "Lopez", "Martin", "Meyer", "Mokoena", "Murphy", "Nakamura",
        "Nguyen", "Novak", "Okafor", "Oliveira", "Park", "Patel", "Petrov", "Rossi", "Sato", "Schmidt",
        "Silva", "Singh", "Smith", "Tanaka", "Van Dijk", "Wang", "Williams", "Wong", "Yilmaz", "Zhang",
    ];

    public static IReadOnlyList<IdentityProfile> Create(int count, int takeovers, int seed)
    {
        var rng = new Random(seed);
        var (victims, variations) = AssignRoles(rng, count, takeovers);
        var principalNames = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new IdentityProfile[count];
        for (var i = 0; i < count; i++)
        {
            var person = DrawPerson(rng, principalNames);
            var identity = new SimulatedIdentity(rng.NextGuid(), person.PrincipalName, person.DisplayName, person.Home.Name, victims[i]);
            var devices = DrawDevices(rng, person.FirstName);
            profiles[i] = new IdentityProfile(identity, person.FirstName, person.Home, person.Home.NextIp(rng), devices, variations[i], rng.Next());
        }

        return profiles;
    }

    /// <summary>A name not yet in <paramref name="principalNames"/> (which it joins), and a home: most live in an office city.</summary>
    public static Person DrawPerson(Random rng, HashSet<string> principalNames)
    {
        var first = rng.Pick(FirstNames);
        var last = rng.Pick(LastNames);
        var principalName = UniquePrincipalName(principalNames, $"{first}.{last.Replace(" ", "", StringComparison.Ordinal)}");
        var home = rng.NextDouble() < OfficeShare ? rng.Pick(WorldCities.Offices) : rng.Pick(WorldCities.All);
        return new Person(first, $"{first} {last}", principalName, home);
    }

    /// <summary>A laptop, and for half of everyone a phone.</summary>
    public static Device[] DrawDevices(Random rng, string firstName) => rng.NextDouble() < PhoneShare
        ? [Devices.Laptop(rng, firstName), Devices.Phone(rng, firstName)]
        : [Devices.Laptop(rng, firstName)];

    /// <summary>Exact shares rather than coin flips, so that every run of a given size shows each irregularity.</summary>
    /// <remarks>Victims get no benign irregularity: their only anomalies are the attacker's.</remarks>
    private static (bool[] Victims, BenignVariation[] Variations) AssignRoles(Random rng, int count, int takeovers)
    {
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        var victims = new bool[count];
        var variations = new BenignVariation[count];
        var next = 0;
        for (; next < takeovers; next++)
        {
            victims[order[next]] = true;
        }

        foreach (var (variation, share) in new[]
        {
            (BenignVariation.Typo, TypoShare), (BenignVariation.Travel, TravelShare), (BenignVariation.NewDevice, NewDeviceShare),
        })
        {
            var end = Math.Min(count, next + (int)Math.Round(count * share, MidpointRounding.AwayFromZero));
            for (; next < end; next++)
            {
                variations[order[next]] = variation;
            }
        }

        return (victims, variations);
    }

    private static string UniquePrincipalName(HashSet<string> taken, string localPart)
    {
        var name = $"{localPart}@contoso.example".ToLowerInvariant();
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{localPart}{n}@contoso.example".ToLowerInvariant();
        }

        return name;
    }
}
