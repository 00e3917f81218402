using System.Security.Cryptography;
using RiskEngine.Caep.Signing;

namespace RiskEngine.Caep.Tests.Support;

/// <summary>Keys generated once per test run, since RSA key generation dominates test time otherwise.</summary>
internal static class TestKeys
{
    private static readonly Lazy<string> LazyPrimaryPem = new(() => GeneratePkcs8Pem(2048));
    private static readonly Lazy<string> LazyOtherPem = new(() => GeneratePkcs8Pem(2048));

    private static readonly Lazy<string> LazyEcPem = new(() => GenerateEcPem());

    public static string PrimaryPkcs8Pem => LazyPrimaryPem.Value;

    /// <summary>A P-256 key in PKCS#8, which signs ES256.</summary>
    public static string EcPkcs8Pem => LazyEcPem.Value;

    public static string OtherPkcs8Pem => LazyOtherPem.Value;

    public static RSA Import(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    public static SigningKey Primary() => new(Import(PrimaryPkcs8Pem));

    public static SigningKey Other() => new(Import(OtherPkcs8Pem));

    public static SigningKey Ec()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(EcPkcs8Pem);
        return new SigningKey(ecdsa);
    }

    private static string GeneratePkcs8Pem(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string GenerateEcPem()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKeyPem();
    }
}
