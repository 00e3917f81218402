using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace RiskEngine.Opa.Tests.Peers;

/// <summary>
/// The Python OPA Data API stand-in (Peers/opa_data_standin.py) as a process on a loopback port. It can be
/// stopped and started again on the same port, losing its data as a restarted OPA does.
/// </summary>
public sealed class OpaStandIn : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Peers", "opa_data_standin.py");

    private readonly HttpClient _http = new();
    private Process? _process;

    private OpaStandIn(int port, string token)
    {
        Port = port;
        Token = token;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public string Token { get; }

    public Uri BaseUrl { get; }

    /// <summary>A stand-in on a free port, not yet started (as an OPA that is down).</summary>
    public static OpaStandIn Create(string token = "opa-test-token")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new OpaStandIn(port, token);
    }

    public static async Task<OpaStandIn> StartedAsync(string token = "opa-test-token")
    {
        var standIn = Create(token);
        await standIn.StartAsync();
        return standIn;
    }

    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The stand-in is already running.");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Script, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token", Token })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} {Script}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ready = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready is null || !ready.StartsWith("ready", StringComparison.Ordinal))
        {
            var error = await _process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"The OPA stand-in did not start on port {Port}: {error}");
        }
    }

    /// <summary>Kills the process (no clean shutdown, as a crash), so its data is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>What <c>GET /v1/data/{path}</c> returns as <c>result</c>, or null when the document is undefined.</summary>
    public async Task<JsonElement?> DocumentAsync(string path = OpaOptions.DefaultDataPath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "/v1/data/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("result", out var result) ? result.Clone() : null;
    }

    /// <summary>Writes <paramref name="json"/> at the path directly, as another writer would.</summary>
    public async Task PutAsync(string json, string path = OpaOptions.DefaultDataPath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(BaseUrl, "/v1/data/" + path)) { Content = new StringContent(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every Data API request this process has seen, oldest first.</summary>
    public async Task<IReadOnlyList<StandInRequest>> RequestsAsync()
    {
        var json = await _http.GetStringAsync(new Uri(BaseUrl, "/_standin/requests"));
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(request => new StandInRequest(
            request.GetProperty("method").GetString()!,
            request.GetProperty("path").GetString()!,
            request.GetProperty("content_type").ValueKind == JsonValueKind.String ? request.GetProperty("content_type").GetString() : null,
            request.GetProperty("operations").ValueKind == JsonValueKind.Number ? request.GetProperty("operations").GetInt32() : null,
            request.GetProperty("authorized").GetBoolean()))];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }
}
