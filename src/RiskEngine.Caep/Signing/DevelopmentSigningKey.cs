using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Caep.Signing;

/// <summary>
/// The key that signs when none is configured: generated once and kept on disk, so SETs verify across restarts
/// of a development machine. Receivers should never trust it.
/// </summary>
internal static partial class DevelopmentSigningKey
{
    public const string FileName = "dev-signing-key.pem";
    private const int KeySizeInBits = 2048;

    public static SigningKey LoadOrCreate(SigningOptions options, Func<string, string?> readEnvironmentVariable, ILogger logger)
    {
        string directory = options.DevelopmentKeyDirectory ?? DefaultDirectory(readEnvironmentVariable);
        string path = Path.GetFullPath(Path.Combine(directory, FileName));

        if (!File.Exists(path))
        {
            Create(directory, path, logger);
        }

        IReadOnlyList<SigningKey> keys = SigningKeyPem.ReadAll(SigningKeyPem.ReadFile(path), $"development signing key file '{path}'");
        SigningKey key = keys[0];
        foreach (SigningKey extra in keys.Skip(1))
        {
            extra.Dispose();
        }

        LogDevelopmentKeyInUse(logger, path, key.Kid, options.KeyEnvironmentVariable);
        return key;
    }

    private static string DefaultDirectory(Func<string, string?> readEnvironmentVariable)
    {
        // The XDG base directory spec says to ignore a relative XDG_DATA_HOME.
        string? xdgDataHome = readEnvironmentVariable("XDG_DATA_HOME");
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

    private static void Create(string directory, string path, ILogger logger)
    {
        string pem;
        using (RSA rsa = RSA.Create(KeySizeInBits))
        {
            pem = rsa.ExportPkcs8PrivateKeyPem();
        }

        // Write under a temporary name, then link into place without overwriting: another process starting
        // at the same moment either wins (and both use its key) or loses, but none ever reads a partial file.
        string temporaryPath = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
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
            LogDevelopmentKeyCreated(logger, path);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated a development signing key at {KeyPath}")]
    private static partial void LogDevelopmentKeyCreated(ILogger logger, string keyPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing Security Event Tokens with a DEVELOPMENT key {Kid} stored at {KeyPath}; receivers should not trust it. Configure a key file or the {KeyEnvironmentVariable} environment variable for production.")]
    private static partial void LogDevelopmentKeyInUse(ILogger logger, string keyPath, string kid, string keyEnvironmentVariable);
}
