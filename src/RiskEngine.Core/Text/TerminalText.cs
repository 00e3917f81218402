using System.Buffers;
using System.Globalization;
using System.Text;

namespace RiskEngine.Core.Text;

/// <summary>
/// Makes attacker-controlled text (identities, evidence, reasons, user agents, authors) safe to print on a terminal:
/// every C0 control (including CR, LF and TAB), DEL, every C1 control and the bidi embedding, override and isolate
/// characters (U+202A–U+202E, U+2066–U+2069) are shown as a visible <c>\uXXXX</c> escape. Raw, a CR or LF would
/// forge log or table lines, an ESC sequence would repaint the terminal and a bidi override would reorder what the
/// analyst reads. Text without such characters is returned as it is, without allocating.
/// </summary>
public static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(
            Range('\u0000', '\u001F'),
            Range('\u007F', '\u009F'),
            Range('\u202A', '\u202E'),
            Range('\u2066', '\u2069')));

    /// <summary><paramref name="value"/> with every unsafe character escaped; null stays null.</summary>
    public static string? Safe(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var first = value.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16);
        text.Append(value, 0, first);
        foreach (var character in value.AsSpan(first))
        {
            if (Unsafe.Contains(character))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:X4}");
            }
            else
            {
                text.Append(character);
            }
        }

        return text.ToString();
    }

    private static string Range(char first, char last) =>
        new([.. Enumerable.Range(first, last - first + 1).Select(code => (char)code)]);
}
