namespace RiskEngine.Simulation;

/// <summary>Draws from a seeded <see cref="Random"/>, so that everything simulated is reproducible.</summary>
internal static class RandomExtensions
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A version-4 GUID from the seeded generator (<see cref="Guid.NewGuid"/> would not repeat).</summary>
    public static string NextGuid(this Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    /// <summary><paramref name="length"/> letters and digits, the alphabet of Okta's ids.</summary>
    public static string NextAlphanumeric(this Random rng, int length) =>
        string.Create(length, rng, static (chars, random) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Base62[random.Next(Base62.Length)];
            }
        });

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>A span uniformly in [<paramref name="min"/>, <paramref name="max"/>), to the tick.</summary>
    public static TimeSpan Between(this Random rng, TimeSpan min, TimeSpan max) =>
        TimeSpan.FromTicks(rng.NextInt64(min.Ticks, max.Ticks));

    public static TimeSpan Minutes(this Random rng, double min, double max) =>
        rng.Between(TimeSpan.FromMinutes(min), TimeSpan.FromMinutes(max));

    public static TimeSpan Seconds(this Random rng, double min, double max) =>
        rng.Between(TimeSpan.FromSeconds(min), TimeSpan.FromSeconds(max));

    /// <summary>The wait until the next arrival of a Poisson process of <paramref name="perMinute"/> arrivals a minute.</summary>
    public static TimeSpan NextArrival(this Random rng, double perMinute) =>
        TimeSpan.FromMinutes(-Math.Log(1 - rng.NextDouble()) / perMinute);
}
