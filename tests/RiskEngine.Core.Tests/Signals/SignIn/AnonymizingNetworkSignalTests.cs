using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class AnonymizingNetworkSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly AnonymizingNetworkSignal _signal = new(new AnonymizingNetworksOptions());
    private readonly ScoringContext _context = new() { AnonymizingNetworks = NetworkList.Parse("185.220.101.0/24\nAS9009") };

    [Fact]
    public void A_sign_in_from_a_listed_range_fires_naming_the_range()
    {
        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0, ip: "185.220.101.7"), SignIns.NewState(), _context));

        Assert.Equal(AnonymizingNetworkSignal.SignalName, fired.Signal);
        Assert.Equal(25, fired.Penalty);
        Assert.Equal("anonymizing network: 185.220.101.7 is in 185.220.101.0/24 on the anonymizing-networks list", fired.Evidence);
    }

    [Fact]
    public void A_sign_in_from_a_listed_autonomous_system_fires_naming_it()
    {
        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0, ip: "198.51.100.4", asn: 9009), SignIns.NewState(), _context));

        Assert.Equal("anonymizing network: 198.51.100.4 is in AS9009, on the anonymizing-networks list", fired.Evidence);
    }

    [Fact]
    public void Unlisted_addresses_failures_and_an_empty_list_do_not_fire()
    {
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0, ip: "198.51.100.4", asn: 2119), SignIns.NewState(), _context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0, succeeded: false, ip: "185.220.101.7"), SignIns.NewState(), _context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0, ip: "185.220.101.7"), SignIns.NewState(), SignIns.Context));
    }

    [Fact]
    public void A_list_swapped_in_is_used_from_the_next_event()
    {
        var context = SignIns.Context;
        var signIn = SignIns.Auth(T0, ip: "203.0.113.7");
        Assert.Null(_signal.Evaluate(signIn, SignIns.NewState(), context));

        context.AnonymizingNetworks = NetworkList.Parse("203.0.113.0/24");

        Assert.NotNull(_signal.Evaluate(signIn, SignIns.NewState(), context));
    }
}
