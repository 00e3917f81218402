using RiskEngine.Opa.Mirror;

namespace RiskEngine.Opa.Tests.Mirror;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("spiffe://example.org/ns/prod/sa/api", "spiffe:~1~1example.org~1ns~1prod~1sa~1api")]
    [InlineData("a~b", "a~0b")]
    // "~1" escapes '~' first, so it cannot be read back as '/'.
    [InlineData("~1", "~01")]
    [InlineData("50%2F", "50%252F")]
    public void Tokens_are_escaped_as_RFC_6901_asks_and_percent_as_OPA_needs(string token, string escaped) =>
        Assert.Equal(escaped, JsonPointer.EscapeForOpa(token));

    [Fact]
    public void An_entry_key_becomes_a_path_under_its_member() =>
        Assert.Equal("/sessions/a~1b", new OpaEntryKey(OpaEntryKind.Session, "a/b").PatchPath);
}
