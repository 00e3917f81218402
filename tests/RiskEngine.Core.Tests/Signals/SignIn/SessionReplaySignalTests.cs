using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class SessionReplaySignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly SessionReplaySignal _signal = new(new SessionReplayOptions());

    [Fact]
    public void A_session_from_another_address_and_device_fires()
    {
        var state = SignIns.StateAfter(SignIns.Auth(T0, ip: "203.0.113.7", asn: 2119, deviceId: "laptop", sessionId: "0a1b2c3d-4e5f-6789"));

        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(5), ip: "198.51.100.9", asn: 9009, deviceId: "other", sessionId: "0a1b2c3d-4e5f-6789"), state, SignIns.Context));

        Assert.Equal((SessionReplaySignal.SignalName, 40), (fired.Signal, fired.Penalty));
        Assert.Equal("session replay: session 0a1b2c3d-4e5… first used from another address, now from 198.51.100.9 on another device", fired.Evidence);
    }

    [Fact]
    public void A_token_seen_again_from_another_operator_fires_when_the_device_is_unknown()
    {
        var state = SignIns.StateAfter(SignIns.Auth(T0, ip: "203.0.113.7", asn: 2119, deviceId: null, tokenId: "tok-1"));
        var replay = SignIns.Auth(T0.AddMinutes(5), ip: "198.51.100.9", asn: 9009, deviceId: null, tokenId: "tok-1");

        // Operating system and browser still name the device here, and they match: strip them to leave it unknown.
        var unknownDevice = new Events.IdentityEvent
        {
            EventId = replay.EventId,
            Timestamp = replay.Timestamp,
            IdentityId = replay.IdentityId,
            Succeeded = true,
            IpAddress = replay.IpAddress,
            AutonomousSystemNumber = 9009,
            TokenId = "tok-1",
        };

        Assert.Null(_signal.Evaluate(replay, state, SignIns.Context));
        Assert.Equal("session replay: token tok-1 first used from another address, now from 198.51.100.9 on AS9009, not AS2119", Assert.NotNull(_signal.Evaluate(unknownDevice, state, SignIns.Context)).Evidence);
    }

    [Fact]
    public void The_same_device_roaming_to_another_network_does_not_fire()
    {
        // Home to office: another address and operator, the same laptop.
        var state = SignIns.StateAfter(SignIns.Auth(T0, ip: "203.0.113.7", asn: 2119, deviceId: "laptop", sessionId: "s-1"));

        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddHours(1), ip: "198.51.100.9", asn: 9009, deviceId: "laptop", sessionId: "s-1"), state, SignIns.Context));
    }

    [Fact]
    public void The_same_address_an_unknown_session_or_a_failure_does_not_fire()
    {
        var state = SignIns.StateAfter(SignIns.Auth(T0, ip: "203.0.113.7", deviceId: "laptop", sessionId: "s-1"));

        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(1), ip: "203.0.113.7", deviceId: "other", sessionId: "s-1"), state, SignIns.Context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(1), ip: "198.51.100.9", deviceId: "other", sessionId: "s-2"), state, SignIns.Context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(1), succeeded: false, ip: "198.51.100.9", deviceId: "other", sessionId: "s-1"), state, SignIns.Context));
    }

    [Fact]
    public void A_session_id_and_a_token_id_of_the_same_text_are_different_things()
    {
        var state = SignIns.StateAfter(SignIns.Auth(T0, ip: "203.0.113.7", deviceId: "laptop", sessionId: "same"));

        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(1), ip: "198.51.100.9", deviceId: "other", tokenId: "same"), state, SignIns.Context));
    }
}
