using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Signals;

public sealed class SignalCatalogTests
{
    [Fact]
    public void Every_signal_has_a_name_of_its_own()
    {
        var names = SignalCatalog.Create(new TrustOptions()).Select(s => s.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("mfa-fatigue", names);
        Assert.Contains("new-country", names);
    }
}
