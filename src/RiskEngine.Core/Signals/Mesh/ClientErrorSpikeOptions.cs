namespace RiskEngine.Core.Signals.Mesh;

public sealed class ClientErrorSpikeOptions : TrafficSpikeOptions
{
    public ClientErrorSpikeOptions()
    {
        MinimumPerBucket = 20;
        Penalty = 20;
    }
}
