using System.Diagnostics;
using RiskEngine.Integration.Tests.Fixtures;
using Xunit.Abstractions;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// An engine with nothing to do must leave the machine's cores to others. Confluent.Kafka 1.9.3's admin client on
/// another client's handle polls without a timeout while it lives (confluent-kafka-dotnet#1762); the back-pressure
/// measurement once held one open and kept a core busy for the engine's whole life.
/// </summary>
[Collection(QuietProcess.Name)]
public sealed class IdleEngineTests(ITestOutputHelper output) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task No_thread_of_an_idle_engine_keeps_a_core_busy()
    {
        // The class fixture's engine has started; let its clients finish connecting and joining their groups.
        await Task.Delay(Settle);
        var before = ThreadTimes();
        var watch = Stopwatch.StartNew();
        await Task.Delay(Window);
        var after = ThreadTimes();
        var elapsed = watch.Elapsed;

        var busiest = after
            .Select(thread => (thread.Key, Share: (thread.Value - before.GetValueOrDefault(thread.Key)) / elapsed))
            .OrderByDescending(thread => thread.Share)
            .Take(3)
            .ToList();
        output.WriteLine(string.Join(", ", busiest.Select(thread => $"thread {thread.Key}: {thread.Share:P0} of a core")));
        Assert.True(busiest[0].Share < 0.5, $"thread {busiest[0].Key} used {busiest[0].Share:P0} of a core while the engine was idle");
    }

    private static Dictionary<int, TimeSpan> ThreadTimes()
    {
        using var process = Process.GetCurrentProcess();
        var times = new Dictionary<int, TimeSpan>();
        foreach (ProcessThread thread in process.Threads)
        {
            try
            {
                times[thread.Id] = thread.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return times;
    }
}
