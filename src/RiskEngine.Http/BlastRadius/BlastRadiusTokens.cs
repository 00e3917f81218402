using Microsoft.Extensions.Options;
using RiskEngine.Http.Authorization;

namespace RiskEngine.Http.BlastRadius;

/// <summary>The blast-radius API's bearer tokens: <see cref="BlastRadiusApiOptions.TokenFile"/> and RISKENGINE_BLAST_RADIUS_TOKEN.</summary>
public sealed class BlastRadiusTokens(IOptions<BlastRadiusApiOptions> options)
{
    public BearerTokenStore Store { get; } = new(options.Value.TokenFile, BlastRadiusApiOptions.TokenEnvironmentVariable);
}
