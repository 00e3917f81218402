using System.Security.Cryptography;

namespace RiskEngine.Caep.Signing;

/// <summary>Reads signing keys from PEM text: unencrypted RSA (PKCS#1 or PKCS#8) and P-256 EC (SEC 1 or PKCS#8) private keys.</summary>
internal static class SigningKeyPem
{
    private const string Pkcs8Label = "PRIVATE KEY";
    private const string RsaLabel = "RSA PRIVATE KEY";
    private const string EcLabel = "EC PRIVATE KEY";

    /// <summary>Every private key in <paramref name="pem"/>, in order; other blocks (certificates, public keys, EC parameters) are skipped.</summary>
    /// <exception cref="InvalidOperationException">No private key is there, or one is invalid, too small or on another curve; the message names <paramref name="source"/>.</exception>
    public static IReadOnlyList<SigningKey> ReadAll(ReadOnlySpan<char> pem, string source)
    {
        var keys = new List<SigningKey>();
        var otherLabels = new List<string>();
        try
        {
            ReadOnlySpan<char> remaining = pem;
            while (PemEncoding.TryFind(remaining, out PemFields fields))
            {
                string label = remaining[fields.Label].ToString();
                if (label is Pkcs8Label or RsaLabel or EcLabel)
                {
                    keys.Add(FromDer(remaining[fields.Base64Data], fields.DecodedDataLength, label, source));
                }
                else
                {
                    otherLabels.Add(label);
                }

                remaining = remaining[fields.Location.End..];
            }
        }
        catch
        {
            keys.ForEach(key => key.Dispose());
            throw;
        }

        if (keys.Count == 0)
        {
            string found = otherLabels.Count == 0 ? "no PEM block" : $"only {string.Join(", ", otherLabels.Select(l => $"'{l}'"))}";
            throw new InvalidOperationException(
                $"The {source} does not hold an unencrypted RSA or EC private key: expected a PEM block labelled '{RsaLabel}' (PKCS#1), '{EcLabel}' (SEC 1) or '{Pkcs8Label}' (PKCS#8), found {found}.");
        }

        return keys;
    }

    /// <summary>The text of a key file, with a clear error naming it when it cannot be read.</summary>
    public static string ReadFile(string path)
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

    private static SigningKey FromDer(ReadOnlySpan<char> base64, int decodedLength, string label, string source)
    {
        byte[] der = new byte[decodedLength];
        try
        {
            // PemEncoding.TryFind has already validated the base64 and its decoded length.
            _ = Convert.TryFromBase64Chars(base64, der, out int written);
            return Import(der.AsSpan(0, written), label);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The {source} does not hold a valid RSA or EC private key: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"The {source} is rejected: {ex.Message}", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static SigningKey Import(ReadOnlySpan<byte> der, string label)
    {
        if (label != Pkcs8Label)
        {
            return label == RsaLabel ? Import(RSA.Create(), der, pkcs8: false) : Import(ECDsa.Create(), der, pkcs8: false);
        }

        // PKCS#8 names the algorithm inside; trying RSA first and EC second reads it without an ASN.1 parser.
        try
        {
            return Import(RSA.Create(), der, pkcs8: true);
        }
        catch (CryptographicException)
        {
            return Import(ECDsa.Create(), der, pkcs8: true);
        }
    }

    /// <summary>Imports into <paramref name="key"/>, an empty <see cref="RSA"/> or <see cref="ECDsa"/>, which the result then owns.</summary>
    private static SigningKey Import(AsymmetricAlgorithm key, ReadOnlySpan<byte> der, bool pkcs8)
    {
        try
        {
            if (pkcs8)
            {
                key.ImportPkcs8PrivateKey(der, out _);
            }
            else if (key is RSA rsa)
            {
                rsa.ImportRSAPrivateKey(der, out _);
            }
            else
            {
                ((ECDsa)key).ImportECPrivateKey(der, out _);
            }

            return key is RSA imported ? new SigningKey(imported) : new SigningKey((ECDsa)key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
