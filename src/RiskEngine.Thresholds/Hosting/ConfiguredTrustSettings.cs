using Microsoft.Extensions.Configuration;
using RiskEngine.Core.Trust;

namespace RiskEngine.Thresholds.Hosting;

/// <summary>The Trust settings as the configuration alone gives them now, without any stored version: what a new version is checked against.</summary>
public sealed class ConfiguredTrustSettings(IConfiguration configuration)
{
    public TrustOptions Current()
    {
        var trust = new TrustOptions();
        configuration.GetSection(TrustOptions.SectionName).Bind(trust);
        return trust;
    }
}
