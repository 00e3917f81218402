namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// One series' change-point state, inline and fixed-size (136 bytes): the value window, the log bets of the last
/// change-history-length p-values, and the quiet period left after an alert.
/// </summary>
public struct ChangePointState
{
    internal SeriesWindow Window;

    // Kept in step with Window: the bet for the value in slot i of the window sits in slot i here. Floats rather
    // than ML.NET's doubles halve the state; a log bet lies within about [-2.3, 16.6], where a float is exact to 1e-6.
    internal WindowBuffer LogBets;

    internal byte AlertCooldown;
}
