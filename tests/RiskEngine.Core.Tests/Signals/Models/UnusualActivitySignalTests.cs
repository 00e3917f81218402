using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Anomaly.Pca;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Models;

namespace RiskEngine.Core.Tests.Signals.Models;

public sealed class UnusualActivitySignalTests
{
    private const int HourSin = 0;
    private const int LogBytesSent = 12;

    // 06:00 UTC: the hour angle is pi/2, so hour-sin is 1.
    private static readonly DateTimeOffset SixAm = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private readonly UnusualActivitySignal _signal = new(new UnusualActivityOptions { Penalty = 20 });

    [Fact]
    public void Scores_an_event_outside_the_models_span_and_names_the_feature_furthest_from_normal()
    {
        var context = new ScoringContext { ActivityModel = HourOnlyModel(threshold: 0.5) };
        // 6 bytes: log-bytes-sent = ln 7 = 1.94591; normalised features: hour-sin 1, log-bytes-sent 1.94591, all else 0.
        // score = sqrt((|x|^2 - (x.e0)^2) / |x|^2) = sqrt(3.78657 / 4.78657) = sqrt(0.79108) = 0.88943
        // severity = (0.88943 - 0.5) / (1 - 0.5) = 0.77885; penalty = 20 * (0.5 + 0.5 * 0.77885) = 17.7885
        var finding = _signal.Evaluate(Request(SixAm, bytesSent: 6), new IdentityState("w", new SignInHistoryLayout()), context);

        var fired = Assert.NotNull(finding);
        Assert.Equal(17.79, fired.Penalty, precision: 2);
        Assert.Equal("unusual activity: model hour-only scores 0.89 (threshold 0.50); furthest from normal: log-bytes-sent 1.9 sd above the mean", fired.Evidence);
    }

    [Fact]
    public void An_event_within_the_span_or_below_the_threshold_is_not_unusual()
    {
        var context = new ScoringContext { ActivityModel = HourOnlyModel(threshold: 0.95) };
        var state = new IdentityState("w", new SignInHistoryLayout());
        Assert.Null(_signal.Evaluate(Request(SixAm, bytesSent: 0), state, context)); // only hour-sin: score 0
        Assert.Null(_signal.Evaluate(Request(SixAm, bytesSent: 6), state, context)); // 0.894 < 0.95
    }

    [Fact]
    public void Without_a_model_it_is_silent_but_still_learns_the_identitys_rhythm()
    {
        var state = new IdentityState("w", new SignInHistoryLayout());
        Assert.Null(_signal.Evaluate(Request(SixAm, bytesSent: 1_000_000), state, new ScoringContext()));

        _signal.Observe(Request(SixAm, bytesSent: 0), state, new ScoringContext());
        Assert.Equal(SixAm, state.Activity.LastEvent);
    }

    /// <summary>A model that only lets hour-sin and log-bytes-sent through, and whose one component is hour-sin.</summary>
    private static ActivityModel HourOnlyModel(double threshold)
    {
        var dimension = EventFeatures.Dimension;
        var scales = new double[dimension];
        scales[HourSin] = 1;
        scales[LogBytesSent] = 1;
        var component = new double[dimension];
        component[HourSin] = 1;
        return new ActivityModel("hour-only", EventFeatures.Names, new FeatureNormalizer(new double[dimension], scales), new PcaModel(new double[dimension], [component]), threshold);
    }

    private static IdentityEvent Request(DateTimeOffset at, long bytesSent) => new()
    {
        EventId = "r1",
        Timestamp = at,
        IdentityId = "w",
        PrincipalType = PrincipalType.Workload,
        Kind = EventKind.ServiceRequest,
        Succeeded = true,
        BytesSent = bytesSent,
    };
}
