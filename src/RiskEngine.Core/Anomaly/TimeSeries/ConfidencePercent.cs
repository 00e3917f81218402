namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>ML.NET states detector confidence in percent; 0 and 100 would make every value, or none, an alert.</summary>
internal static class ConfidencePercent
{
    public static void ThrowIfOutOfRange(double confidence, string paramName)
    {
        if (!(confidence > 0 && confidence < 100))
        {
            throw new ArgumentOutOfRangeException(paramName, confidence, "Confidence is a percentage strictly between 0 and 100.");
        }
    }
}
