using RiskEngine.Functions.Hosting;

namespace RiskEngine.Functions.Tests.Hosting;

public sealed class LoopbackOnlyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7072")]
    [InlineData("http://[::1]:7072")]
    [InlineData("http://localhost:7072")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void Loopback_addresses_are_kept(string urls) => Assert.Equal(urls, FunctionsHost.LoopbackOnly(urls));

    [Theory]
    [InlineData("http://0.0.0.0:7072")]
    [InlineData("http://*:7072")]
    [InlineData("http://+:7072")]
    [InlineData("http://10.0.0.4:7072")]
    [InlineData("http://127.0.0.1:7072;http://0.0.0.0:7073")]
    public void Any_other_address_is_refused(string urls)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => FunctionsHost.LoopbackOnly(urls));

        Assert.Contains("not a loopback address", refused.Message, StringComparison.Ordinal);
    }
}
