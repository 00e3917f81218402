using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace RiskEngine.Samples.ProtectedService.Authentication;

/// <summary>The token issuer's RSA key from <see cref="BearerTokenOptions.SigningKeyFile"/>, loaded once.</summary>
public sealed class TokenSigningKey : IDisposable
{
    private readonly RSA _rsa;

    public TokenSigningKey(string pemFile)
    {
        _rsa = RSA.Create();
        try
        {
            _rsa.ImportFromPem(File.ReadAllText(pemFile));
        }
        catch (ArgumentException ex)
        {
            _rsa.Dispose();
            throw new InvalidOperationException($"'{pemFile}' holds no PEM RSA key: {ex.Message}", ex);
        }

        HasPrivateKey = TryHasPrivateKey(_rsa);
        SecurityKey = new RsaSecurityKey(_rsa);
    }

    public RsaSecurityKey SecurityKey { get; }

    public bool HasPrivateKey { get; }

    public void Dispose() => _rsa.Dispose();

    private static bool TryHasPrivateKey(RSA rsa)
    {
        try
        {
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
