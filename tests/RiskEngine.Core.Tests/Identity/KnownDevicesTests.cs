using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Tests.Identity;

public sealed class KnownDevicesTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void When_full_the_device_seen_longest_ago_makes_room()
    {
        var devices = new KnownDevices(capacity: 2);
        devices.Remember(101, T0);
        devices.Remember(202, T0.AddMinutes(1));
        devices.Remember(101, T0.AddMinutes(2)); // 101 is now the more recently seen of the two

        devices.Remember(303, T0.AddMinutes(3));

        Assert.Equal(2, devices.Count);
        Assert.True(devices.Contains(101));
        Assert.False(devices.Contains(202));
        Assert.True(devices.Contains(303));
    }

    [Fact]
    public void An_older_sighting_does_not_make_a_device_look_stale()
    {
        var devices = new KnownDevices(capacity: 2);
        devices.Remember(101, T0.AddMinutes(5));
        devices.Remember(202, T0.AddMinutes(3));
        devices.Remember(101, T0); // out of order: 101 was still last seen at +5

        devices.Remember(303, T0.AddMinutes(6));

        Assert.True(devices.Contains(101));
        Assert.False(devices.Contains(202));
    }

    [Fact]
    public void The_none_fingerprint_is_never_remembered()
    {
        var devices = new KnownDevices(capacity: 2);

        devices.Remember(DeviceFingerprint.None, T0);

        Assert.Equal(0, devices.Count);
        Assert.False(devices.Contains(DeviceFingerprint.None));
    }
}
