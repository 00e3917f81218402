using System.Diagnostics;

namespace RiskEngine.Replay.Tests.Reporting;

/// <summary>Renders a local HTML file in headless Chromium with the network cut off and returns the DOM its scripts left.</summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string DumpDom(string htmlFile)
    {
        var executable = Find() ?? throw new InvalidOperationException("chromium is not installed: run .ci/setup (it installs the Debian chromium package)");
        var profile = Directory.CreateTempSubdirectory("riskengine-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=5000",
                // Nothing may be fetched: every host fails to resolve and any proxied request goes to a closed port.
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                $"--user-data-dir={profile}", "--dump-dom", new Uri(htmlFile).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not render {htmlFile} within {Limit.TotalSeconds} s");
            }

            return process.ExitCode == 0
                ? dom.Result
                : throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {errors.Result}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "chromium"))
            .FirstOrDefault(File.Exists);
}
