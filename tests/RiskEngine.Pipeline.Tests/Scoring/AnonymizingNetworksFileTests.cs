using Microsoft.Extensions.Logging;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Pipeline.Tests.Scoring;

public sealed class AnonymizingNetworksFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-networks-").FullName;
    private readonly RecordingLogger<AnonymizingNetworksFile> _logger = new();
    private int _version;

    private string Path => System.IO.Path.Combine(_directory, "anonymizing-networks.txt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_list_read_at_start_is_given_to_every_context_attached()
    {
        Write("# Tor exits\n185.220.101.0/24\nAS9009\n");
        using var file = Open();
        var context = new ScoringContext();

        file.Attach(context);

        Assert.Equal(2, context.AnonymizingNetworks.Count);
        Assert.Equal("185.220.101.0/24", context.AnonymizingNetworks.RangeOf("185.220.101.7"));
    }

    [Fact]
    public void A_changed_file_is_read_again_and_swapped_into_the_contexts()
    {
        Write("185.220.101.0/24\n");
        using var file = Open();
        var context = new ScoringContext();
        file.Attach(context);

        Write("185.220.101.0/24\n2001:67c:6ec::/48\n");

        Assert.True(file.Refresh());
        Assert.Equal("2001:67c:6ec::/48", context.AnonymizingNetworks.RangeOf("2001:67c:6ec::1"));
        Assert.False(file.Refresh()); // unchanged since
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("2 ranges and systems", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_version_is_logged_once_and_the_list_before_it_stays_in_force()
    {
        Write("185.220.101.0/24\n");
        using var file = Open();
        var context = new ScoringContext();
        file.Attach(context);

        Write("185.220.101.0/24\n185.220.102.0/33\n");

        Assert.False(file.Refresh());
        Assert.False(file.Refresh());
        Assert.Same(file.Current, context.AnonymizingNetworks);
        Assert.Equal("185.220.101.0/24", context.AnonymizingNetworks.RangeOf("185.220.101.7"));
        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("line 2: '185.220.102.0/33' has a bad prefix length", error.Message, StringComparison.Ordinal);

        // Fixed, it is taken.
        Write("185.220.102.0/24\n");
        Assert.True(file.Refresh());
        Assert.NotNull(context.AnonymizingNetworks.RangeOf("185.220.102.1"));
    }

    [Fact]
    public void A_deleted_file_keeps_the_list_before_it()
    {
        Write("185.220.101.0/24\n");
        using var file = Open();
        File.Delete(Path);

        Assert.False(file.Refresh());
        Assert.Equal(1, file.Current.Count);
    }

    [Fact]
    public void A_missing_or_bad_file_at_start_stops_the_engine_with_the_reason()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => Open());
        Assert.StartsWith($"Trust:AnonymizingNetworks:File {Path}: ", missing.Message, StringComparison.Ordinal);

        Write("tor-exit-1\n");
        var bad = Assert.Throws<InvalidOperationException>(() => Open());
        Assert.Contains("line 1: 'tor-exit-1' is neither", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_file_no_network_is_listed()
    {
        using var file = new AnonymizingNetworksFile(new AnonymizingNetworksOptions(), TimeProvider.System, _logger);
        var context = new ScoringContext();
        file.Attach(context);

        Assert.Equal(0, context.AnonymizingNetworks.Count);
        Assert.False(file.Refresh());
    }

    [Fact]
    public async Task The_timer_picks_up_a_change_by_itself()
    {
        Write("185.220.101.0/24\n");
        using var file = Open(TimeSpan.FromSeconds(1));
        var context = new ScoringContext();
        file.Attach(context);

        Write("198.51.100.0/24\n");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (context.AnonymizingNetworks.RangeOf("198.51.100.1") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal("198.51.100.0/24", context.AnonymizingNetworks.RangeOf("198.51.100.1"));
    }

    private AnonymizingNetworksFile Open(TimeSpan? interval = null) => new(
        new AnonymizingNetworksOptions { File = Path, ReloadInterval = interval ?? TimeSpan.FromHours(1) },
        TimeProvider.System,
        _logger);

    /// <summary>Writes the file with a modification time of its own, as an editor or a ConfigMap update would.</summary>
    private void Write(string text)
    {
        File.WriteAllText(Path, text);
        File.SetLastWriteTimeUtc(Path, new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(++_version));
    }
}
