using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;

namespace RiskEngine.Replay.Replaying;

/// <summary>
/// A SET issuer with a key made for one replay and forgotten after it: a replay predicts what production would do,
/// it does not speak for it. ES256, because a replay may sign hundreds of thousands of SETs and P-256 signs many
/// times faster than RSA-2048; the <c>jti</c>s do not depend on the key.
/// </summary>
public sealed class ThrowawayIssuer : IDisposable
{
    private readonly SigningKeyProvider _keys;

    public ThrowawayIssuer(CaepOptions caep)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        _keys = new SigningKeyProvider(Options.Create(new SigningOptions()), NullLogger<SigningKeyProvider>.Instance, _ => pem);
        Issuer = new SecurityEventTokenIssuer(Options.Create(caep), _keys, TimeProvider.System);
    }

    public SecurityEventTokenIssuer Issuer { get; }

    public void Dispose() => _keys.Dispose();
}
