using System.Diagnostics;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// For each timed sign-in, the time from its production to its first session-revoked SET reaching each enforcement
/// point: the PEP SDK refusing the session, an SSF push receiver holding the SET, OPA's data holding the revocation.
/// </summary>
/// <param name="Timed">Revocations timed on the SET topic; each enforcement point should have as many.</param>
public sealed record EnforcementLatencies(int Timed, LatencySummary PepRefuses, LatencySummary SsfReceiverHas, LatencySummary OpaHolds)
{
    public static EnforcementLatencies Of(RevocationLatencyProbe topic, PepProbe pep, SsfPushProbe ssf, OpaDataProbe opa)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(pep);
        ArgumentNullException.ThrowIfNull(ssf);
        ArgumentNullException.ThrowIfNull(opa);
        LatencyRecorder pepRefuses = new(), ssfReceiverHas = new(), opaHolds = new();
        var timed = 0;

        // The first SET of each timed sign-in, as the topic probe timed it; the PEP and OPA know it by jti, the SSF
        // receiver by txn, since the transmitter gives each stream its own jti.
        foreach (var revocation in topic.Received.Where(received => received.LatencyMilliseconds is not null))
        {
            var producedAt = topic.Expected[revocation.Txn];
            timed++;
            Record(pepRefuses, pep.Refusing, revocation.Jti, producedAt);
            Record(ssfReceiverHas, ssf.Received, revocation.Txn, producedAt);
            Record(opaHolds, opa.Held, revocation.Jti, producedAt);
        }

        return new EnforcementLatencies(timed, pepRefuses.Summarize(), ssfReceiverHas.Summarize(), opaHolds.Summarize());
    }

    private static void Record(LatencyRecorder recorder, ArrivalLog arrivals, string key, long producedAt)
    {
        if (arrivals.TryGet(key, out var arrivedAt))
        {
            recorder.Record(Stopwatch.GetElapsedTime(producedAt, arrivedAt).TotalMilliseconds);
        }
    }
}
