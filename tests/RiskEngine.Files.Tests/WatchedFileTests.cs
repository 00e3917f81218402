using RiskEngine.Testing;

namespace RiskEngine.Files.Tests;

/// <summary>
/// A watched file as operators and orchestrators change it. A rewrite within one tick of the kernel's clock keeps the
/// modification time, and here also the length, seen at the last read: what a read between two writes looks like.
/// </summary>
public sealed class WatchedFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private int _reads;

    private string FilePath => Path.Combine(_directory.Path, "token");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_version_read_before_it_settled_is_read_once_more_when_it_has_and_then_no_more()
    {
        var file = Watch(FilePath);
        var modified = Write(FilePath, "aaaa", _time.GetUtcNow().UtcDateTime);
        Assert.Equal("aaaa", file.Current);

        // The writer's last write, in the same tick: same modification time, same length.
        Write(FilePath, "bbbb", modified);
        _time.Advance(FileVersion.SettleTime);
        Assert.Equal("bbbb", file.Current);
        var reads = _reads;

        Assert.Equal("bbbb", file.Current);
        Assert.Equal(reads, _reads);
    }

    [Fact]
    public void A_settled_version_is_read_again_only_when_its_modification_time_or_length_changes()
    {
        var file = Watch(FilePath);
        var settled = Write(FilePath, "aaaa", _time.GetUtcNow().UtcDateTime - (2 * FileVersion.SettleTime));
        Assert.Equal("aaaa", file.Current);

        Write(FilePath, "bbbb", settled);
        Assert.Equal("aaaa", file.Current);

        Write(FilePath, "cccccc", settled);
        Assert.Equal("cccccc", file.Current);
    }

    [Fact]
    public void A_symbolic_link_swapped_to_a_new_target_is_followed_as_a_Kubernetes_Secret_update_does()
    {
        var old = _time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1);
        var first = Path.Combine(_directory.Path, "v1");
        var second = Path.Combine(_directory.Path, "v2");
        Write(first, "aaaa", old);
        Write(second, "bbbb", old.AddSeconds(1));
        File.CreateSymbolicLink(FilePath, first);
        var file = Watch(FilePath);
        Assert.Equal("aaaa", file.Current);

        File.Delete(FilePath);
        File.CreateSymbolicLink(FilePath, second);
        Assert.Equal("bbbb", file.Current);
    }

    [Fact]
    public void A_missing_file_gives_the_missing_value_and_one_written_later_is_read()
    {
        var file = Watch(FilePath);
        Assert.Equal("(none)", file.Current);

        Write(FilePath, "aaaa", _time.GetUtcNow().UtcDateTime);
        Assert.Equal("aaaa", file.Current);

        File.Delete(FilePath);
        Assert.Equal("(none)", file.Current);
    }

    private WatchedFile<string> Watch(string path) => new(
        path,
        p =>
        {
            _reads++;
            return File.ReadAllText(p);
        },
        "(none)",
        _time);

    private static DateTime Write(string path, string contents, DateTime modified)
    {
        File.WriteAllText(path, contents);
        File.SetLastWriteTimeUtc(path, modified);
        return modified;
    }
}
