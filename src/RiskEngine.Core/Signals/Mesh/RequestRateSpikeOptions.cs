namespace RiskEngine.Core.Signals.Mesh;

public sealed class RequestRateSpikeOptions : TrafficSpikeOptions
{
    public RequestRateSpikeOptions()
    {
        MinimumPerBucket = 60;
        Penalty = 15;
    }
}
