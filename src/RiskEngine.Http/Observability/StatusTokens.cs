using Microsoft.Extensions.Options;
using RiskEngine.Http.Authorization;

namespace RiskEngine.Http.Observability;

/// <summary>The status endpoint's bearer tokens: <see cref="StatusApiOptions.TokenFile"/> and RISKENGINE_STATUS_TOKEN.</summary>
public sealed class StatusTokens(IOptions<StatusApiOptions> options)
{
    public BearerTokenStore Store { get; } = new(options.Value.TokenFile, StatusApiOptions.TokenEnvironmentVariable);
}
