using System.Runtime.CompilerServices;

namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>Sixteen floats stored inline in whatever struct holds them, so a series' state never touches the heap.</summary>
[InlineArray(SeriesWindow.Capacity)]
internal struct WindowBuffer
{
    private float _element;
}
