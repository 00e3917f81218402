using Microsoft.Extensions.Options;
using RiskEngine.Http.Authorization;

namespace RiskEngine.Thresholds.Api;

/// <summary>The admin API's bearer tokens: <see cref="ThresholdsOptions.TokenFile"/> (re-read when it changes) and RISKENGINE_THRESHOLDS_TOKEN.</summary>
public sealed class ThresholdsTokens(IOptions<ThresholdsOptions> options)
{
    public BearerTokenStore Store { get; } = new(options.Value.TokenFile, ThresholdsOptions.TokenEnvironmentVariable);
}
