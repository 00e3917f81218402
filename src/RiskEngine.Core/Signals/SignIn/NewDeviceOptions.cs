using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// The only novelty with a set of its own per identity: a device id is not among the rare-attributes features (the
/// kind of device is), which count the countries, autonomous systems and user agents the other novelties judge by.
/// </summary>
public sealed class NewDeviceOptions : NoveltyOptions
{
    public NewDeviceOptions() => (MinSuccessfulSignIns, Penalty) = (3, 20);

    /// <summary>How many recent devices each identity keeps; when full, the device used longest ago makes room.</summary>
    [Range(1, 64)]
    public int KnownValuesPerIdentity { get; set; } = 8;
}
