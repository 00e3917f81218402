namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// Detects a lasting change in a series' level or spread: each value's two-sided adaptive-kernel p-value is turned
/// into a bet, and the product of the last change-history-length bets (a windowed martingale) grows when p-values
/// stay small. Follows dotnet/machinelearning src/Microsoft.ML.TimeSeries/IidChangePointDetector.cs (two-sided,
/// window = ChangeHistoryLength, threshold exp(window · bet(1 − confidence/100))) and
/// SequentialAnomalyDetectionTransformBase.cs (<c>LogPowerMartigaleBettingFunc</c>,
/// <c>LogMixtureMartigaleBettingFunc</c>, the first bet filling the whole window, and the quiet period of
/// window − 1 values after an alert); after Vovk et al., arXiv:1204.3251. Stateless itself: each series keeps a
/// <see cref="ChangePointState"/>.
/// </summary>
/// <remarks>
/// One deviation: ML.NET bets on every p-value, even those computed against a window of two or three values whose
/// spread says little; such a p-value is often the 1e-8 floor and stays in the martingale until the window first
/// fills, where it alone can pass the threshold (a third of seeded standard-normal series alerted there). Here a
/// value is bet on only once the window holds the window size − 1 earlier values, as many as any value that can
/// alert is scored against; before that it counts as p = 0.5, which is what ML.NET's first value always gets.
/// </remarks>
public sealed class MartingaleChangePointDetector
{
    private const double UninformativePValue = 0.5;

    private readonly int _windowSize;
    private readonly MartingaleType _martingale;
    private readonly double _epsilon;

    public MartingaleChangePointDetector(MartingaleChangePointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SeriesWindow.ThrowIfWindowSizeOutOfRange(options.ChangeHistoryLength, nameof(options.ChangeHistoryLength));
        ConfidencePercent.ThrowIfOutOfRange(options.Confidence, nameof(options.Confidence));
        if (!(options.PowerMartingaleEpsilon > 0 && options.PowerMartingaleEpsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PowerMartingaleEpsilon, "PowerMartingaleEpsilon must lie in (0, 1).");
        }

        _windowSize = options.ChangeHistoryLength;
        _martingale = options.Martingale;
        _epsilon = options.PowerMartingaleEpsilon;
        AlertThreshold = Math.Exp(_windowSize * LogBet(1 - options.Confidence / 100));
    }

    /// <summary>A martingale score at or above this is a change point.</summary>
    public double AlertThreshold { get; }

    /// <summary>
    /// Scores <paramref name="value"/>, adds it to the window and its bet to the martingale. A NaN is ignored, as
    /// ML.NET ignores a NaN raw score: no verdict, the state unchanged.
    /// </summary>
    public ChangePointResult Process(ref ChangePointState state, float value)
    {
        if (float.IsNaN(value))
        {
            return new ChangePointResult(double.NaN, double.NaN, IsChangePoint: false);
        }

        var pValue = AdaptiveKernelPValue.ForSide(state.Window.Values, value, AnomalySide.TwoSided);
        var isFirstValue = state.Window.Count == 0;
        var isScoredAgainstFullHistory = state.Window.Count >= _windowSize - 1;
        var slot = state.Window.Add(value, _windowSize);
        var bet = (float)LogBet(isScoredAgainstFullHistory ? pValue : UninformativePValue);
        Span<float> logBets = state.LogBets;
        if (isFirstValue)
        {
            logBets[.._windowSize].Fill(bet);
        }
        else
        {
            logBets[slot] = bet;
        }

        var logMartingale = 0.0;
        foreach (var logBet in logBets[.._windowSize])
        {
            logMartingale += logBet;
        }

        var score = Math.Exp(logMartingale);
        return new ChangePointResult(pValue, score, state.Window.IsFull(_windowSize) && Alert(ref state, score));
    }

    private bool Alert(ref ChangePointState state, double score)
    {
        var alert = score >= AlertThreshold;
        if (alert)
        {
            if (state.AlertCooldown > 0)
            {
                alert = false;
            }
            else
            {
                state.AlertCooldown = (byte)_windowSize;
            }
        }

        if (state.AlertCooldown > 0)
        {
            state.AlertCooldown--;
        }

        return alert;
    }

    private double LogBet(double pValue)
    {
        if (_martingale == MartingaleType.Power)
        {
            return Math.Log(_epsilon) + (_epsilon - 1) * Math.Log(pValue);
        }

        var logP = Math.Log(pValue);
        return Math.Log(pValue * logP + 1 - pValue) - 2 * Math.Log(-logP) - logP;
    }
}
