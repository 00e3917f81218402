using RiskEngine.Files;
using RiskEngine.Http.Authorization;
using RiskEngine.Testing;

namespace RiskEngine.Http.Tests.Authorization;

/// <summary>
/// The token file as an operator rotates it. A rewrite within one tick of the kernel's clock keeps the modification
/// time, and here also the length, that the store saw at its last read: what a read between two writes looks like.
/// </summary>
public sealed class BearerTokenStoreTests : IDisposable
{
    private const string EnvironmentVariable = "RISKENGINE_TEST_UNSET_TOKEN";

    private readonly TemporaryDirectory _directory = new();

    private string TokenFile => Path.Combine(_directory.Path, "tokens");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_file_rewritten_within_the_same_modification_time_is_read_again_until_it_settles()
    {
        var store = new BearerTokenStore(TokenFile, EnvironmentVariable);
        var modified = Write("token-aaaa status:read", DateTime.UtcNow);
        Assert.NotNull(store.Authenticate("token-aaaa"));

        Write("token-bbbb status:read", modified);

        Assert.Null(store.Authenticate("token-aaaa"));
        Assert.Equal(["status:read"], store.Authenticate("token-bbbb")!);
    }

    [Fact]
    public void A_settled_file_is_read_once_and_again_only_when_its_modification_time_or_length_changes()
    {
        var store = new BearerTokenStore(TokenFile, EnvironmentVariable);
        var settled = Write("token-aaaa status:read", DateTime.UtcNow - (2 * FileVersion.SettleTime));
        Assert.NotNull(store.Authenticate("token-aaaa"));

        Write("token-bbbb status:read", settled);
        Assert.NotNull(store.Authenticate("token-aaaa"));

        Write("token-cccc status:read thresholds:read", settled);
        Assert.Null(store.Authenticate("token-aaaa"));
        Assert.Equal(["status:read", "thresholds:read"], store.Authenticate("token-cccc")!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_file_grants_nothing_and_a_file_written_later_is_read()
    {
        var store = new BearerTokenStore(TokenFile, EnvironmentVariable);
        Assert.False(store.AnyConfigured);

        Write("# analysts\ntoken-aaaa thresholds:write\n", DateTime.UtcNow);

        Assert.True(store.AnyConfigured);
        Assert.Equal(["thresholds:write"], store.Authenticate("token-aaaa")!);
        Assert.Null(store.Authenticate("# analysts"));
    }

    private DateTime Write(string contents, DateTime modified)
    {
        File.WriteAllText(TokenFile, contents);
        File.SetLastWriteTimeUtc(TokenFile, modified);
        return modified;
    }
}
