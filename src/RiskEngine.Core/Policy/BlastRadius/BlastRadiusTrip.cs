using System.Globalization;

namespace RiskEngine.Core.Policy.BlastRadius;

/// <summary>
/// The moment the blast-radius guard tripped (event time) and the numbers that tripped it: the revocations decided
/// within the window, counting the one that tripped it, and the identities active in it (an estimate, within about 1%).
/// </summary>
public sealed record BlastRadiusTrip(
    DateTimeOffset At,
    string TriggeringEventId,
    string TriggeringIdentityId,
    int Revocations,
    double ActiveIdentities,
    TimeSpan Window,
    double MaxActionShare)
{
    public double Share => Revocations / ActiveIdentities;

    /// <summary>The numbers in words, for a reason, a log line or an alert.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Revocations} revocations among about {ActiveIdentities:0} active identities in {Window.TotalMinutes:0.#} min of event time to {At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Share:0.0%}, more than {MaxActionShare:0.0#%})");
}
