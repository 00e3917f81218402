using System.Diagnostics;
using System.Threading.Channels;

namespace RiskEngine.Ssf.Tests.Support;

/// <summary>One of the independent Python peers in Peers/, run with Debian's /usr/bin/python3 (PyJWT); its stdout lines are read as they come.</summary>
public sealed class PythonPeer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _stderr = new();

    private PythonPeer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(line.Data);
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static PythonPeer Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Peers", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new PythonPeer(Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start"));
    }

    /// <summary>The next line the peer printed; fails the test with its stderr when none comes in time.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            return await _lines.Reader.ReadAsync(cancellation.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            string stderr;
            lock (_stderr)
            {
                stderr = _stderr.ToString();
            }

            Assert.Fail($"the Python peer printed nothing more ({ex.GetType().Name}); its stderr:\n{stderr}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
