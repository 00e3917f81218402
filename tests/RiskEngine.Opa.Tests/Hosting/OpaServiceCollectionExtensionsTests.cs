using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Opa.Hosting;
using RiskEngine.Opa.Mirror;
using RiskEngine.Opa.Tests.Mirror;
using RiskEngine.Opa.Tests.Peers;

namespace RiskEngine.Opa.Tests.Hosting;

public sealed class OpaServiceCollectionExtensionsTests
{
    [Fact]
    public void Without_a_base_url_the_mirror_is_off()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Opa:DataPath"] = "riskengine/revoked" }).BuildServiceProvider();

        Assert.Null(provider.GetService<RevocationMirror>());
        Assert.Empty(provider.GetServices<IHostedService>());
    }

    [Fact]
    public void Invalid_settings_are_reported_by_name()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Opa:BaseUrl"] = "http://127.0.0.1:8181",
            ["Opa:DataPath"] = "riskengine/revoked/",
            ["Opa:MaxAttempts"] = "0",
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OpaOptions>>().Value);
        Assert.Contains(error.Failures, failure => failure.StartsWith("Opa:DataPath must be segments", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("MaxAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_host_the_mirror_keeps_OPA_up_to_date()
    {
        await using var opa = await OpaStandIn.StartedAsync();
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, opa.Token);
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Opa:BaseUrl"] = opa.BaseUrl.ToString(),
                ["Opa:TokenFile"] = tokenFile,
                ["Opa:DataPath"] = "pep/revoked",
            });
            builder.Services.AddOpaMirror(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync();

            host.Services.GetRequiredService<RevocationMirror>().Apply(Revocations.Subject("ann@example.com"));

            await Poll.UntilAsync(async () => (await opa.DocumentAsync("pep/revoked")) is { } document
                && document.GetProperty("subjects").TryGetProperty("ann@example.com", out _), "ann is revoked in OPA at data.pep.revoked");
            await host.StopAsync();
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpaMirror(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }
}
