using RiskEngine.Core.Text;

namespace RiskEngine.Core.Tests.Text;

public sealed class TerminalTextTests
{
    [Fact]
    public void Plain_text_is_returned_as_the_same_instance()
    {
        const string identity = "ada@contoso.com Ølberg 東京";

        Assert.Same(identity, TerminalText.Safe(identity));
    }

    [Fact]
    public void Null_stays_null() => Assert.Null(TerminalText.Safe(null));

    [Fact]
    public void Line_breaks_cannot_forge_a_second_line()
    {
        var forged = TerminalText.Safe("eve@contoso.com\r\n02:00:00.000 info: RiskEngine[1] admin@contoso.com trusted");

        Assert.Equal("eve@contoso.com\\u000D\\u000A02:00:00.000 info: RiskEngine[1] admin@contoso.com trusted", forged);
    }

    [Fact]
    public void Ansi_escape_sequences_are_shown_not_run()
    {
        // ESC [ 2 J clears the screen; ESC ] 0 ; ... BEL sets the window title.
        Assert.Equal("\\u001B[2J\\u001B]0;pwned\\u0007x", TerminalText.Safe("\u001b[2J\u001b]0;pwned\u0007x"));
    }

    [Theory]
    [InlineData('\u0000')]
    [InlineData('\t')]
    [InlineData('\u001F')]
    [InlineData('\u007F')]
    [InlineData('\u0080')]
    [InlineData('\u009B')]
    [InlineData('\u009F')]
    [InlineData('\u202A')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2069')]
    public void Each_unsafe_character_is_escaped(char unsafeCharacter) =>
        Assert.Equal($"a\\u{(int)unsafeCharacter:X4}b", TerminalText.Safe($"a{unsafeCharacter}b"));

    [Theory]
    [InlineData('\u0020')]
    [InlineData('\u007E')]
    [InlineData('\u00A0')]
    [InlineData('\u2030')]
    [InlineData('\u202F')]
    [InlineData('\u2065')]
    [InlineData('\u206A')]
    public void Neighbours_of_the_unsafe_ranges_are_kept(char kept)
    {
        var text = $"a{kept}b";

        Assert.Same(text, TerminalText.Safe(text));
    }
}
