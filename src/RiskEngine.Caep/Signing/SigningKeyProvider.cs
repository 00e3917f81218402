using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RiskEngine.Caep.Signing;

/// <summary>
/// Loads the SET signing key once, at construction, so a misconfigured key fails the host at startup
/// rather than at the first revocation. Sources, by precedence: <see cref="SigningOptions.KeyFile"/>,
/// the environment variable, then a development key generated once and kept on disk.
/// </summary>
public sealed partial class SigningKeyProvider : ISigningKeyProvider, IDisposable
{
    public const string DevelopmentKeyFileName = "dev-signing-key.pem";
    private const int DevelopmentKeySizeInBits = 2048;

    private static readonly string[] PrivateKeyLabels = ["RSA PRIVATE KEY", "PRIVATE KEY"];

    private readonly ILogger<SigningKeyProvider> _logger;
    private readonly Func<string, string?> _readEnvironmentVariable;

    public SigningKeyProvider(IOptions<SigningOptions> options, ILogger<SigningKeyProvider> logger)
        : this(options, logger, Environment.GetEnvironmentVariable)
    {
    }

    public SigningKeyProvider(IOptions<SigningOptions> options, ILogger<SigningKeyProvider> logger, Func<string, string?> readEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(readEnvironmentVariable);

        _logger = logger;
        _readEnvironmentVariable = readEnvironmentVariable;
        Current = Load(options.Value);
        PublishedKeys = [Current];
    }

    public SigningKey Current { get; }

    public IReadOnlyList<SigningKey> PublishedKeys { get; }

    public void Dispose() => Current.Dispose();

    private SigningKey Load(SigningOptions options)
    {
        if (!string.IsNullOrEmpty(options.KeyFile))
        {
            string source = $"signing key file '{options.KeyFile}'";
            SigningKey key = FromPem(ReadKeyFile(options.KeyFile), source);
            LogKeyLoaded(_logger, key.Kid, source);
            return key;
        }

        if (!string.IsNullOrEmpty(options.KeyEnvironmentVariable)
            && _readEnvironmentVariable(options.KeyEnvironmentVariable) is { Length: > 0 } pem)
        {
            string source = $"environment variable {options.KeyEnvironmentVariable}";
            SigningKey key = FromPem(pem, source);
            LogKeyLoaded(_logger, key.Kid, source);
            return key;
        }

        return LoadOrCreateDevelopmentKey(options);
    }

    private SigningKey LoadOrCreateDevelopmentKey(SigningOptions options)
    {
        string directory = options.DevelopmentKeyDirectory ?? DefaultDevelopmentKeyDirectory();
        string path = Path.GetFullPath(Path.Combine(directory, DevelopmentKeyFileName));

        if (!File.Exists(path))
        {
            CreateDevelopmentKey(directory, path);
        }

        SigningKey key = FromPem(ReadKeyFile(path), $"development signing key file '{path}'");
        LogDevelopmentKeyInUse(_logger, path, key.Kid, options.KeyEnvironmentVariable);
        return key;
    }

    private string DefaultDevelopmentKeyDirectory()
    {
        // The XDG base directory spec says to ignore a relative XDG_DATA_HOME.
        string? xdgDataHome = _readEnvironmentVariable("XDG_DATA_HOME");
        string dataHome = !string.IsNullOrEmpty(xdgDataHome) && Path.IsPathFullyQualified(xdgDataHome)
            ? xdgDataHome
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(dataHome))
        {
            throw new InvalidOperationException(
                $"No signing key is configured and there is no data directory for a development key; set {nameof(SigningOptions)}.{nameof(SigningOptions.KeyFile)}, the key environment variable, or {nameof(SigningOptions)}.{nameof(SigningOptions.DevelopmentKeyDirectory)}.");
        }

        return Path.Combine(dataHome, "riskengine");
    }

    private void CreateDevelopmentKey(string directory, string path)
    {
        string pem;
        using (RSA rsa = RSA.Create(DevelopmentKeySizeInBits))
        {
            pem = rsa.ExportPkcs8PrivateKeyPem();
        }

        // Write under a temporary name, then link into place without overwriting: another process starting
        // at the same moment either wins (and both use its key) or loses, but none ever reads a partial file.
        string temporaryPath = Path.Combine(directory, $".{DevelopmentKeyFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temporaryPath, fileOptions))
            {
                writer.Write(pem);
            }

            File.Move(temporaryPath, path, overwrite: false);
            LogDevelopmentKeyCreated(_logger, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Lost the race to another process; its key is as good as ours.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Could not write the development signing key to '{path}': {ex.Message}", ex);
        }
        finally
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }
    }

    private static string ReadKeyFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"Signing key file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Signing key file '{path}' could not be read: {ex.Message}", ex);
        }
    }

    private static SigningKey FromPem(ReadOnlySpan<char> pem, string source)
    {
        var labelsFound = new List<string>();
        ReadOnlySpan<char> remaining = pem;
        while (PemEncoding.TryFind(remaining, out PemFields fields))
        {
            string label = remaining[fields.Label].ToString();
            if (Array.IndexOf(PrivateKeyLabels, label) >= 0)
            {
                return FromDer(remaining[fields.Base64Data], fields.DecodedDataLength, isPkcs8: label == "PRIVATE KEY", source);
            }

            labelsFound.Add(label);
            remaining = remaining[fields.Location.End..];
        }

        string found = labelsFound.Count == 0 ? "no PEM block" : $"only {string.Join(", ", labelsFound.Select(l => $"'{l}'"))}";
        throw new InvalidOperationException(
            $"The {source} does not hold an unencrypted RSA private key: expected a PEM block labelled 'RSA PRIVATE KEY' (PKCS#1) or 'PRIVATE KEY' (PKCS#8), found {found}.");
    }

    private static SigningKey FromDer(ReadOnlySpan<char> base64, int decodedLength, bool isPkcs8, string source)
    {
        byte[] der = new byte[decodedLength];
        RSA rsa = RSA.Create();
        try
        {
            // PemEncoding.TryFind has already validated the base64 and its decoded length.
            _ = Convert.TryFromBase64Chars(base64, der, out int written);
            if (isPkcs8)
            {
                rsa.ImportPkcs8PrivateKey(der.AsSpan(0, written), out _);
            }
            else
            {
                rsa.ImportRSAPrivateKey(der.AsSpan(0, written), out _);
            }

            return new SigningKey(rsa);
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The {source} does not hold a valid RSA private key: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The {source} is rejected: {ex.Message}", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing Security Event Tokens with key {Kid} from {Source}")]
    private static partial void LogKeyLoaded(ILogger logger, string kid, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated a development signing key at {KeyPath}")]
    private static partial void LogDevelopmentKeyCreated(ILogger logger, string keyPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing Security Event Tokens with a DEVELOPMENT key {Kid} stored at {KeyPath}; receivers should not trust it. Configure a key file or the {KeyEnvironmentVariable} environment variable for production.")]
    private static partial void LogDevelopmentKeyInUse(ILogger logger, string keyPath, string kid, string keyEnvironmentVariable);
}
