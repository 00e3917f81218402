using System.Diagnostics;
using System.Globalization;
using RiskEngine.Replay.Replaying;

namespace RiskEngine.Cli.Replaying;

/// <summary>
/// A replay's progress on standard error: a bar, the share read, events scored, the rate, the time left and the
/// process's memory (which should stay flat however long the recording), redrawn in place on a terminal and written
/// as a line every few seconds otherwise.
/// </summary>
internal sealed class ProgressLine(ReplayProgress progress, TextWriter output, bool interactive)
{
    private const int BarWidth = 30;

    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public async Task ShowUntilAsync(Task replay)
    {
        var interval = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
        while (await Task.WhenAny(replay, Task.Delay(interval)) != replay)
        {
            await output.WriteAsync(interactive ? "\r" + Render() : Render() + Environment.NewLine);
        }

        await output.WriteLineAsync(interactive ? "\r" + Render() : Render());
    }

    public string Render()
    {
        var done = Math.Clamp(progress.Done, 0, 1);
        var events = progress.Events;
        var seconds = Math.Max(_elapsed.Elapsed.TotalSeconds, 1e-3);
        var filled = (int)Math.Round(done * BarWidth);
        var left = done > 0 ? TimeSpan.FromSeconds(seconds * (1 - done) / done) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done,6:P1} {events,13:N0} events {events / seconds,10:N0} events/s  ETA {(left is { } eta ? eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "-:--:--")}  {Environment.WorkingSet / (1 << 20),6:N0} MB");
    }
}
