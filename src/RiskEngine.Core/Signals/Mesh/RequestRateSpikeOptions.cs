namespace RiskEngine.Core.Signals.Mesh;

public sealed class RequestRateSpikeOptions : TrafficSpikeOptions
{
    public RequestRateSpikeOptions()
    {
        MinimumPerBucket = 20;
        Penalty = 15;
    }
}
