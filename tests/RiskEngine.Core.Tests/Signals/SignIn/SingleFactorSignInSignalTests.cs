using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class SingleFactorSignInSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly SingleFactorSignInSignal _signal = new(new SingleFactorSignInOptions());

    private static IdentityState UsuallyWithMfa(int withMfa, int without) => SignIns.StateAfter(
    [
        .. Enumerable.Range(0, withMfa).Select(i => SignIns.Auth(T0.AddMinutes(i), mfa: true)),
        .. Enumerable.Range(0, without).Select(i => SignIns.Auth(T0.AddHours(1).AddMinutes(i), mfa: false)),
    ]);

    [Fact]
    public void A_single_factor_sign_in_fires_where_mfa_is_the_habit()
    {
        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "198.51.100.9"), UsuallyWithMfa(20, 1), SignIns.Context));

        Assert.Equal((SingleFactorSignInSignal.SignalName, 25), (fired.Signal, fired.Penalty));
        Assert.Equal("single-factor sign-in from a new network and ASN to Office 365 Exchange Online from 198.51.100.9, where 20 of 21 earlier interactive sign-ins used MFA", fired.Evidence);
    }

    [Fact]
    public void A_single_factor_from_a_known_network_or_provider_is_what_conditional_access_allows()
    {
        var state = SignIns.StateAfter([.. Enumerable.Range(0, 20).Select(i => SignIns.Auth(T0.AddMinutes(i), mfa: true, ip: "203.0.113.7", asn: 2119))]);

        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "203.0.113.99", asn: 64500), state, SignIns.Context)); // the office's /24
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "192.0.2.1", asn: 2119), state, SignIns.Context));    // home provider, new address
        Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "192.0.2.1", asn: 64500), state, SignIns.Context));
    }

    [Fact]
    public void Legacy_authentication_fires_even_where_the_source_says_nothing_of_mfa()
    {
        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), legacy: true), UsuallyWithMfa(12, 0), SignIns.Context));

        Assert.StartsWith("legacy authentication (no MFA possible) to Office 365 Exchange Online", fired.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_judged_without_the_habit_for_refreshes_or_with_mfa()
    {
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "198.51.100.9"), UsuallyWithMfa(8, 2), SignIns.Context));   // 80%
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "198.51.100.9"), UsuallyWithMfa(9, 0), SignIns.Context));   // too few
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: false, ip: "198.51.100.9", interactive: false), UsuallyWithMfa(20, 0), SignIns.Context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), mfa: true), UsuallyWithMfa(20, 0), SignIns.Context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1)), UsuallyWithMfa(20, 0), SignIns.Context));
    }
}
