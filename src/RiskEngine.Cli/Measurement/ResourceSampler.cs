using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Cli.Demo;
using RiskEngine.Kafka.Backpressure;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// For a soak: every interval, a line with the events scored, the scoring backlog and the process's memory (resident
/// set, managed heap, gen 2 collections); at the end, how the resident set moved over the run's second half, where a
/// leak shows as a steady climb and a healthy engine as a flat band.
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly DemoConsole _console;
    private readonly ScoringBacklog? _backlog;
    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, long ResidentBytes)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ResourceSampler(IServiceProvider engine, DemoConsole console, TextWriter output, TimeSpan interval)
    {
        _console = console;
        _backlog = engine.GetService<ScoringBacklog>();
        _output = output;
        _interval = interval;
        _sampling = SampleAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        var secondHalf = _samples.Where(sample => sample.At >= _clock.Elapsed / 2).Select(sample => sample.ResidentBytes).ToList();
        if (secondHalf.Count > 1)
        {
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"resident set over the second half ({secondHalf.Count} samples): {Mib(secondHalf.Min())} to {Mib(secondHalf.Max())} MiB, first {Mib(secondHalf[0])}, last {Mib(secondHalf[^1])}"));
        }
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture);

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            using var process = Process.GetCurrentProcess();
            var resident = process.WorkingSet64;
            _samples.Add((_clock.Elapsed, resident));
            var backlog = _backlog is null ? "n/a" : _backlog.Latest.Total.ToString("N0", CultureInfo.InvariantCulture);
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"[{_clock.Elapsed.TotalSeconds,5:F0} s] scored {_console.Scored,12:N0}  backlog {backlog,8}  resident {Mib(resident),6} MiB  managed heap {Mib(GC.GetTotalMemory(forceFullCollection: false)),6} MiB  gen2 GCs {GC.CollectionCount(2)}"));
        }
    }
}
