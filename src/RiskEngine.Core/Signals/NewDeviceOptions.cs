using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals;

public sealed class NewDeviceOptions
{
    /// <summary>An identity's first sign-ins all come from "new" devices; judge only once there is a history.</summary>
    [Range(0, 1000)]
    public int MinSuccessfulSignIns { get; set; } = 3;

    [Range(1, 64)]
    public int KnownDevicesPerIdentity { get; set; } = 8;

    [Range(0, 100)]
    public double Penalty { get; set; } = 20;
}
