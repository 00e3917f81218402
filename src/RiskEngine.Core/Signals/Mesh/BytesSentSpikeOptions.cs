namespace RiskEngine.Core.Signals.Mesh;

public sealed class BytesSentSpikeOptions : TrafficSpikeOptions
{
    public BytesSentSpikeOptions()
    {
        MinimumPerBucket = 10_000_000;
        Penalty = 25;
    }
}
