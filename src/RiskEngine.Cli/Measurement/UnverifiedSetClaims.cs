using System.Buffers.Text;
using System.Text.Json;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// Reads a SET's claims without verifying it: the probes measure timing; verification is the PEP SDK's and the
/// tests' job.
/// </summary>
internal static class UnverifiedSetClaims
{
    public static JsonDocument Parse(string token) => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));

    public static string Txn(string token)
    {
        using var claims = Parse(token);
        return claims.RootElement.GetProperty("txn").GetString()!;
    }
}
