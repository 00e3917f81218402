using System.Text;

namespace RiskEngine.Sources.Json;

/// <summary>UTF-8 to string in one pass, refusing invalid bytes instead of replacing them (as GetString on a reader does).</summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null when <paramref name="utf8"/> is not valid UTF-8 (the exception is the rare path).</summary>
    public static string? TryGetString(ReadOnlySpan<byte> utf8)
    {
        if (Ascii.IsValid(utf8))
        {
            // Most values are ASCII: each byte widened to its character, with no UTF-8 decoding to count or check.
            return string.Create(utf8.Length, utf8, static (text, bytes) => Ascii.ToUtf16(bytes, text, out _));
        }

        try
        {
            return Encoding.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
