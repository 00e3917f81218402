using System.Diagnostics.CodeAnalysis;

namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// The latest values of one series in a fixed inline ring (the <c>RawScoreBuffer</c> of dotnet/machinelearning
/// src/Microsoft.ML.TimeSeries/SequentialAnomalyDetectionTransformBase.cs): no heap, 68 bytes,
/// so one can be kept per identity and series. The detectors read and advance it; callers only keep it.
/// </summary>
public struct SeriesWindow
{
    /// <summary>The most values a window holds; a detector's window size is at most this.</summary>
    public const int Capacity = 16;

    private WindowBuffer _values;
    private byte _count;
    private byte _next;

    public readonly int Count => _count;

    /// <summary>The values held, in slot order: the kernel p-value does not depend on their order.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<float> Values => ((ReadOnlySpan<float>)_values)[.._count];

    internal static void ThrowIfWindowSizeOutOfRange(int windowSize, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowSize, Capacity, paramName);
    }

    internal readonly bool IsFull(int windowSize) => _count == windowSize;

    /// <summary>Writes over the oldest value once <paramref name="windowSize"/> values are held; returns the slot written.</summary>
    internal int Add(float value, int windowSize)
    {
        var slot = _next;
        _values[slot] = value;
        _next = (byte)((slot + 1) % windowSize);
        if (_count < windowSize)
        {
            _count++;
        }

        return slot;
    }
}
