using Microsoft.Extensions.Options;
using RiskEngine.Files;
using RiskEngine.Opa;
using RiskEngine.Opa.Client;

namespace RiskEngine.Opa.Tests.Client;

/// <summary>
/// The token file as an operator rotates it. A rewrite within one tick of the kernel's clock keeps the modification
/// time, and here also the length, that the reader saw at its last read: what a read between two writes looks like.
/// </summary>
public sealed class OpaBearerTokenTests : IDisposable
{
    private readonly string _tokenFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(_tokenFile);

    [Fact]
    public void A_file_rewritten_within_the_same_modification_time_is_read_again_until_it_settles()
    {
        var token = new OpaBearerToken(Options.Create(new OpaOptions { TokenFile = _tokenFile }));
        var modified = Write("token-aaaa\n", DateTime.UtcNow);
        Assert.Equal("token-aaaa", token.Current());

        Write("token-bbbb\n", modified);

        Assert.Equal("token-bbbb", token.Current());
    }

    [Fact]
    public void A_settled_file_is_read_again_only_when_its_modification_time_or_length_changes()
    {
        var token = new OpaBearerToken(Options.Create(new OpaOptions { TokenFile = _tokenFile }));
        var settled = Write("token-aaaa\n", DateTime.UtcNow - (2 * FileVersion.SettleTime));
        Assert.Equal("token-aaaa", token.Current());

        Write("token-bbbb\n", settled);
        Assert.Equal("token-aaaa", token.Current());

        Write("# rotated\ntoken-cccc\n", settled);
        Assert.Equal("token-cccc", token.Current());
    }

    private DateTime Write(string contents, DateTime modified)
    {
        File.WriteAllText(_tokenFile, contents);
        File.SetLastWriteTimeUtc(_tokenFile, modified);
        return modified;
    }
}
