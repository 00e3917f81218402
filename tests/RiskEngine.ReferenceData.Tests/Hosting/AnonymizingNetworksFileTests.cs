using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.ReferenceData.Hosting;

namespace RiskEngine.ReferenceData.Tests.Hosting;

public sealed class AnonymizingNetworksFileTests : InTemporaryDirectory
{
    private int _version;

    private string ListPath => Path.Combine(WorkDirectory, "anonymizing-networks.txt");

    [Fact]
    public async Task The_list_is_read_at_start_and_a_changed_file_is_swapped_in_while_a_bad_one_is_not()
    {
        Write("# Tor exits\n185.220.101.0/24\nAS9009\n");
        var context = new ScoringContext();
        using var file = Open(context);

        await file.StartAsync(CancellationToken.None);
        Assert.Equal(2, context.AnonymizingNetworks.Count);
        Assert.Equal("185.220.101.0/24", context.AnonymizingNetworks.RangeOf("185.220.101.7"));

        // A version with a bad line is refused: the list before it stays in force.
        var before = context.AnonymizingNetworks;
        Write("185.220.101.0/24\n185.220.102.0/33\n");
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        Assert.Same(before, context.AnonymizingNetworks);

        Write("185.220.101.0/24\n2001:67c:6ec::/48\n");
        await WaitUntil(() => context.AnonymizingNetworks.RangeOf("2001:67c:6ec::1") is not null);
        Assert.Equal("2001:67c:6ec::/48", context.AnonymizingNetworks.RangeOf("2001:67c:6ec::1"));
        await file.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_missing_or_bad_file_stops_the_start_and_no_file_lists_nothing()
    {
        var context = new ScoringContext();
        using (var missing = Open(context))
        {
            await Assert.ThrowsAsync<FileNotFoundException>(() => missing.StartAsync(CancellationToken.None));
        }

        Write("tor-exit-1\n");
        using (var bad = Open(context))
        {
            var error = await Assert.ThrowsAsync<FormatException>(() => bad.StartAsync(CancellationToken.None));
            Assert.Contains("line 1: 'tor-exit-1' is neither", error.Message, StringComparison.Ordinal);
        }

        using var none = new AnonymizingNetworksFile(context, Options.Create(new TrustOptions()), NullLogger<AnonymizingNetworksFile>.Instance);
        await none.StartAsync(CancellationToken.None);
        Assert.Equal(0, context.AnonymizingNetworks.Count);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private AnonymizingNetworksFile Open(ScoringContext context)
    {
        var trust = new TrustOptions();
        trust.AnonymizingNetworks.File = ListPath;
        trust.AnonymizingNetworks.ReloadInterval = TimeSpan.FromMilliseconds(100);
        return new AnonymizingNetworksFile(context, Options.Create(trust), NullLogger<AnonymizingNetworksFile>.Instance);
    }

    /// <summary>Writes the file with a modification time of its own, as an editor or a ConfigMap update would.</summary>
    private void Write(string text)
    {
        File.WriteAllText(ListPath, text);
        File.SetLastWriteTimeUtc(ListPath, new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(++_version));
    }
}
