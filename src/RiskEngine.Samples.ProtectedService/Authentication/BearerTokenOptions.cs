using Microsoft.AspNetCore.Authentication;

namespace RiskEngine.Samples.ProtectedService.Authentication;

/// <summary>
/// Which bearer JWTs the sample accepts: RS256 tokens from <see cref="Issuer"/> for <see cref="Audience"/>, signed by
/// the key in <see cref="SigningKeyFile"/>. Bound from "Sample:Authentication".
/// </summary>
public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    public const string SectionName = "Sample:Authentication";
    public const string Scheme = "Bearer";

    public string Issuer { get; set; } = "https://idp.sample.local";

    public string Audience { get; set; } = "https://protected.sample.local";

    /// <summary>PEM RSA key of the token issuer: the public key suffices to validate; the private one also lets <c>POST /dev/token</c> mint tokens.</summary>
    public string SigningKeyFile { get; set; } = string.Empty;

    /// <summary>Serve <c>POST /dev/token</c>, which mints a token for any user and session: for trying the sample, never for production.</summary>
    public bool IssueDevelopmentTokens { get; set; }

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
        {
            throw new InvalidOperationException($"{SectionName}:Issuer and {SectionName}:Audience are required.");
        }

        if (string.IsNullOrWhiteSpace(SigningKeyFile) || !File.Exists(SigningKeyFile))
        {
            throw new InvalidOperationException($"{SectionName}:SigningKeyFile must name an existing PEM RSA key file (got '{SigningKeyFile}').");
        }
    }
}
