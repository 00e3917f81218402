using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.ReferenceData.Reloading;

namespace RiskEngine.ReferenceData.Tests.Reloading;

public sealed class ReloadingFileTests : InTemporaryDirectory
{
    private readonly List<int> _applied = [];

    [Fact]
    public void Loads_at_start_and_again_when_the_file_changes_but_not_when_it_does_not()
    {
        var path = Write("file.txt", "1");
        using var file = Watch(path);
        Assert.Equal([1], _applied);
        Assert.False(file.Poll());

        Write("file.txt", "22", age: TimeSpan.Zero);
        Assert.True(file.Poll());
        Assert.Equal(22, file.Current.Value);
        Assert.Equal([1, 22], _applied);
    }

    [Fact]
    public void A_version_that_cannot_be_read_is_skipped_and_the_last_good_one_stays()
    {
        var path = Write("file.txt", "1");
        using var file = Watch(path);

        Write("file.txt", "not a number", age: TimeSpan.Zero);
        Assert.False(file.Poll());
        Assert.Equal(1, file.Current.Value);

        Write("file.txt", "3", age: TimeSpan.FromSeconds(-5));
        Assert.True(file.Poll());
        Assert.Equal([1, 3], _applied);
    }

    [Fact]
    public void A_symbolic_link_swapped_to_a_new_target_is_followed_as_a_ConfigMap_update_does()
    {
        var first = Write("v1.txt", "1");
        var second = Write("v2.txt", "2", age: TimeSpan.Zero);
        var link = Path.Combine(WorkDirectory, "current.txt");
        File.CreateSymbolicLink(link, first);
        using var file = Watch(link);

        File.Delete(link);
        File.CreateSymbolicLink(link, second);
        Assert.True(file.Poll());
        Assert.Equal(2, file.Current.Value);
    }

    [Fact]
    public void A_missing_or_unreadable_file_at_start_is_an_error_not_an_empty_version()
    {
        Assert.Throws<FileNotFoundException>(() => Watch(Path.Combine(WorkDirectory, "absent.txt")));
        var path = Write("bad.txt", "x");
        Assert.Throws<FormatException>(() => Watch(path));
    }

    private ReloadingFile<Box> Watch(string path) => new(
        path,
        p => new Box(int.Parse(File.ReadAllText(p), System.Globalization.CultureInfo.InvariantCulture)),
        box => _applied.Add(box.Value),
        NullLogger.Instance,
        TimeSpan.FromHours(1)); // polled by the test, not the timer

    /// <summary>Writes the file dated <paramref name="age"/> ago (default: a minute), so each write is a new version.</summary>
    private string Write(string name, string text, TimeSpan? age = null)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - (age ?? TimeSpan.FromMinutes(1)));
        return path;
    }

    private sealed record Box(int Value);
}
