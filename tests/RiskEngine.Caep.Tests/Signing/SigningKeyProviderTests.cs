using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tests.Support;

namespace RiskEngine.Caep.Tests.Signing;

public sealed class SigningKeyProviderTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly Dictionary<string, string> _environment = [];
    private readonly ListLogger<SigningKeyProvider> _logger = new();

    public void Dispose() => _temp.Dispose();

    private SigningKeyProvider CreateProvider(SigningOptions options) =>
        new(Options.Create(options), _logger, name => _environment.GetValueOrDefault(name));

    private static string ExpectedKid(string pem)
    {
        using SigningKey key = new(TestKeys.Import(pem));
        return key.Kid;
    }

    private string WriteFile(string name, string contents)
    {
        string path = _temp.Combine(name);
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public void Loads_a_pkcs8_pem_file()
    {
        string path = WriteFile("key.pem", TestKeys.PrimaryPkcs8Pem);

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { KeyFile = path });

        Assert.Equal(ExpectedKid(TestKeys.PrimaryPkcs8Pem), provider.Current.Kid);
        Assert.Same(provider.Current, Assert.Single(provider.PublishedKeys));
    }

    [Fact]
    public void Loads_a_pkcs1_pem_file()
    {
        using RSA rsa = TestKeys.Import(TestKeys.PrimaryPkcs8Pem);
        string pkcs1 = rsa.ExportRSAPrivateKeyPem();
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", pkcs1, StringComparison.Ordinal);
        string path = WriteFile("key.pem", pkcs1);

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { KeyFile = path });

        Assert.Equal(ExpectedKid(TestKeys.PrimaryPkcs8Pem), provider.Current.Kid);
    }

    [Fact]
    public void Skips_other_pem_blocks_before_the_private_key()
    {
        using RSA rsa = TestKeys.Import(TestKeys.PrimaryPkcs8Pem);
        string path = WriteFile("key.pem", rsa.ExportSubjectPublicKeyInfoPem() + "\n" + TestKeys.PrimaryPkcs8Pem);

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { KeyFile = path });

        Assert.Equal(ExpectedKid(TestKeys.PrimaryPkcs8Pem), provider.Current.Kid);
    }

    [Fact]
    public void Loads_from_the_environment_variable_and_creates_no_development_key()
    {
        _environment[SigningOptions.DefaultKeyEnvironmentVariable] = TestKeys.PrimaryPkcs8Pem;
        string developmentDirectory = _temp.Combine("dev");

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { DevelopmentKeyDirectory = developmentDirectory });

        Assert.Equal(ExpectedKid(TestKeys.PrimaryPkcs8Pem), provider.Current.Kid);
        Assert.False(Directory.Exists(developmentDirectory));
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Honours_a_custom_environment_variable_name()
    {
        _environment["MY_SET_KEY"] = TestKeys.OtherPkcs8Pem;
        _environment[SigningOptions.DefaultKeyEnvironmentVariable] = TestKeys.PrimaryPkcs8Pem;

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { KeyEnvironmentVariable = "MY_SET_KEY" });

        Assert.Equal(ExpectedKid(TestKeys.OtherPkcs8Pem), provider.Current.Kid);
    }

    [Fact]
    public void Key_file_takes_precedence_over_the_environment_variable()
    {
        _environment[SigningOptions.DefaultKeyEnvironmentVariable] = TestKeys.OtherPkcs8Pem;
        string path = WriteFile("key.pem", TestKeys.PrimaryPkcs8Pem);

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { KeyFile = path });

        Assert.Equal(ExpectedKid(TestKeys.PrimaryPkcs8Pem), provider.Current.Kid);
    }

    [Fact]
    public void Development_key_is_generated_once_then_reused()
    {
        string directory = _temp.Combine("not", "yet", "there");
        var options = new SigningOptions { DevelopmentKeyDirectory = directory };

        string firstKid;
        using (SigningKeyProvider first = CreateProvider(options))
        {
            firstKid = first.Current.Kid;
        }

        string keyPath = Path.Combine(directory, SigningKeyProvider.DevelopmentKeyFileName);
        DateTime written = File.GetLastWriteTimeUtc(keyPath);
        using SigningKeyProvider second = CreateProvider(options);

        Assert.Equal(firstKid, second.Current.Kid);
        Assert.Equal(written, File.GetLastWriteTimeUtc(keyPath));
        Assert.Equal(2048, second.Current.KeySizeInBits);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyPath), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public void Processes_starting_together_agree_on_one_development_key()
    {
        var options = new SigningOptions { DevelopmentKeyDirectory = _temp.Combine("dev") };

        string[] kids = new string[8];
        Parallel.For(0, kids.Length, new ParallelOptions { MaxDegreeOfParallelism = kids.Length }, i =>
        {
            using SigningKeyProvider provider = CreateProvider(options);
            kids[i] = provider.Current.Kid;
        });

        Assert.Single(kids.Distinct(StringComparer.Ordinal));
        Assert.Single(Directory.GetFiles(options.DevelopmentKeyDirectory));
        Assert.Single(_logger.Entries, e => e.Message.StartsWith("Generated a development signing key", StringComparison.Ordinal));
    }

    [Fact]
    public void Development_key_file_is_readable_by_the_owner_only()
    {
        string directory = _temp.Combine("dev");
        using SigningKeyProvider provider = CreateProvider(new SigningOptions { DevelopmentKeyDirectory = directory });

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(directory, SigningKeyProvider.DevelopmentKeyFileName)));
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(directory));
        }
    }

    [Fact]
    public void Development_key_use_is_logged_as_a_warning_with_its_location_and_no_key_material()
    {
        string directory = _temp.Combine("dev");
        using SigningKeyProvider provider = CreateProvider(new SigningOptions { DevelopmentKeyDirectory = directory });

        string keyPath = Path.Combine(directory, SigningKeyProvider.DevelopmentKeyFileName);
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(keyPath, warning.Message, StringComparison.Ordinal);
        Assert.Contains(provider.Current.Kid, warning.Message, StringComparison.Ordinal);

        string pemBody = File.ReadAllLines(keyPath)[1];
        Assert.All(_logger.Entries, e =>
        {
            Assert.DoesNotContain("PRIVATE KEY", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(pemBody, e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Development_key_defaults_under_xdg_data_home()
    {
        _environment["XDG_DATA_HOME"] = _temp.Path;

        using SigningKeyProvider provider = CreateProvider(new SigningOptions());

        Assert.True(File.Exists(_temp.Combine("riskengine", SigningKeyProvider.DevelopmentKeyFileName)));
    }

    [Fact]
    public void Missing_key_file_is_refused_with_its_path()
    {
        string path = _temp.Combine("absent.pem");

        var ex = Assert.Throws<InvalidOperationException>(() => CreateProvider(new SigningOptions { KeyFile = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_key_is_refused_with_a_clear_message()
    {
        using var rsa = RSA.Create(1024);
        string path = WriteFile("small.pem", rsa.ExportPkcs8PrivateKeyPem());

        var ex = Assert.Throws<InvalidOperationException>(() => CreateProvider(new SigningOptions { KeyFile = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least 2048 bits", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1024 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_is_refused_with_a_clear_message()
    {
        _environment[SigningOptions.DefaultKeyEnvironmentVariable] = "this is not a key";

        var ex = Assert.Throws<InvalidOperationException>(() => CreateProvider(new SigningOptions()));

        Assert.Contains(SigningOptions.DefaultKeyEnvironmentVariable, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not hold an unencrypted RSA or EC private key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found no PEM block", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_key_inside_valid_pem_armour_is_refused_with_a_clear_message()
    {
        string path = WriteFile("corrupt.pem", "-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n");

        var ex = Assert.Throws<InvalidOperationException>(() => CreateProvider(new SigningOptions { KeyFile = path }));

        Assert.Contains("does not hold a valid RSA or EC private key", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CryptographicException>(ex.InnerException);
    }

    [Fact]
    public void Public_key_only_is_refused_naming_what_was_found()
    {
        using RSA rsa = TestKeys.Import(TestKeys.PrimaryPkcs8Pem);
        string path = WriteFile("public.pem", rsa.ExportSubjectPublicKeyInfoPem());

        var ex = Assert.Throws<InvalidOperationException>(() => CreateProvider(new SigningOptions { KeyFile = path }));

        Assert.Contains("found only 'PUBLIC KEY'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_an_ec_p256_key_which_signs_es256()
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(TestKeys.EcPkcs8Pem);
        string path = WriteFile("ec.pem", ecdsa.ExportECPrivateKeyPem());

        using SigningKeyProvider provider = CreateProvider(new SigningOptions { KeyFile = path });

        Assert.Equal("ES256", provider.Current.Algorithm);
        using SigningKey expected = TestKeys.Ec();
        Assert.Equal(expected.Kid, provider.Current.Kid);
    }

    [Fact]
    public void Ec_keys_on_other_curves_are_refused_naming_the_curve()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        string path = WriteFile("p384.pem", ecdsa.ExportPkcs8PrivateKeyPem());

        var ex = Assert.Throws<InvalidOperationException>(() => CreateProvider(new SigningOptions { KeyFile = path }));

        Assert.Contains("must be on the P-256 curve", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_constructor_reads_the_process_environment()
    {
        // A variable name no environment defines, so the provider falls through to the development key.
        var options = new SigningOptions { KeyEnvironmentVariable = $"RISKENGINE_TEST_UNSET_{Guid.NewGuid():N}", DevelopmentKeyDirectory = _temp.Path };

        using var provider = new SigningKeyProvider(Options.Create(options), NullLogger<SigningKeyProvider>.Instance);

        Assert.True(File.Exists(_temp.Combine(SigningKeyProvider.DevelopmentKeyFileName)));
    }
}
