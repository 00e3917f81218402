using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Anomaly.Features;

/// <summary>
/// The per-event feature vector the global anomaly model (randomized PCA) is trained on and scores: what the event
/// is, when it happened, and how it sits in its identity's rhythm (<see cref="ActivityProfile"/> before the event).
/// A model file names the features it was trained on; the engine refuses a model whose names differ from
/// <see cref="Names"/>, so the order here is part of the model format.
/// </summary>
public static class EventFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "hour-sin",
        "hour-cos",
        "weekend",
        "log-minutes-since-previous",
        "log-events-per-hour",
        "recent-failure-share",
        "failed",
        "interactive",
        "workload",
        "authentication",
        "service-request",
        "policy-decision",
        "log-bytes-sent",
        "client-error",
        "server-error",
    ];

    public static int Dimension => Names.Count;

    /// <summary>A first event has no previous one; a day without activity is as informative as any longer gap.</summary>
    private const double GapCapMinutes = 24 * 60;

    /// <summary>Writes the features of <paramref name="identityEvent"/> into <paramref name="features"/> (length <see cref="Dimension"/>).</summary>
    public static void Extract(IdentityEvent identityEvent, in ActivityProfile profile, Span<double> features)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentOutOfRangeException.ThrowIfNotEqual(features.Length, Dimension, nameof(features));
        var time = identityEvent.Timestamp.UtcDateTime;
        var hourAngle = 2 * Math.PI * time.TimeOfDay.TotalHours / 24;
        var gapMinutes = profile.LastEvent is { } last
            ? Math.Clamp((identityEvent.Timestamp - last).TotalMinutes, 0, GapCapMinutes)
            : GapCapMinutes;
        var status = identityEvent.Kind == EventKind.ServiceRequest ? identityEvent.ErrorCode : 0;

        features[0] = Math.Sin(hourAngle);
        features[1] = Math.Cos(hourAngle);
        features[2] = time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0;
        features[3] = Math.Log(1 + gapMinutes);
        features[4] = Math.Log(1 + profile.EventsPerHour);
        features[5] = profile.FailureShare;
        features[6] = identityEvent.Succeeded ? 0 : 1;
        features[7] = identityEvent.Interactive ? 1 : 0;
        features[8] = identityEvent.PrincipalType == PrincipalType.Workload ? 1 : 0;
        features[9] = identityEvent.Kind.IsAuthentication() ? 1 : 0;
        features[10] = identityEvent.Kind == EventKind.ServiceRequest ? 1 : 0;
        features[11] = identityEvent.Kind == EventKind.PolicyDecision ? 1 : 0;
        features[12] = Math.Log(1 + Math.Max(0, identityEvent.BytesSent ?? 0));
        features[13] = status is >= 400 and < 500 ? 1 : 0;
        features[14] = status >= 500 ? 1 : 0;
    }
}
