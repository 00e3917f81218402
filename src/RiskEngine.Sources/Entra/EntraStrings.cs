using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Entra;

/// <summary>
/// The strings of few distinct values Entra sign-ins repeat (tenants, applications, resources, places, operating
/// systems, browsers, risk levels, failure reasons, user agents), shared by every decoder in the process so a
/// steady stream allocates only its unique strings (ids, names of people and devices, addresses).
/// </summary>
internal static class EntraStrings
{
    /// <summary>Short names and ids of things that are few: a tenant has a handful of applications, places and the like.</summary>
    public static readonly Utf8StringCache Names = new(slots: 4096, maxLength: 128);

    /// <summary>User agents are longer and more varied, so they get slots of their own rather than evicting names.</summary>
    public static readonly Utf8StringCache UserAgents = new(slots: 1024, maxLength: 512);

    /// <summary>The skip counter's kind of each category that is not a sign-in: "entra:AuditLogs".</summary>
    public static readonly Utf8StringCache SkippedKinds = new(slots: 256, maxLength: 128, prefix: EntraCategories.SkippedKindPrefix);
}
