using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RiskEngine.Functions.Hosting;
using RiskEngine.Simulation;

namespace RiskEngine.Benchmarks.Functions;

/// <summary>
/// The Azure Functions handler under load as the Functions host drives it: invocation requests of
/// <see cref="BatchSize"/> simulated Entra sign-ins POSTed over loopback (real Kestrel, real HttpClient), each
/// decoded and written to the embedded Kafka cluster's events topic and acknowledged before the answer. Prints
/// batches/s, events/s and per-invocation p50/p99 (request sent to answer read).
/// </summary>
public static class FunctionsLoadHarness
{
    public const int BatchSize = 100;

    public static async Task RunAsync(int batches, int concurrency)
    {
        var directory = Directory.CreateTempSubdirectory("riskengine-functions-load-").FullName;
        await using var handler = FunctionsHost.Build(new Dictionary<string, string?>
        {
            ["Functions:Urls"] = "http://127.0.0.1:0",
            ["Functions:DeadLetterDirectory"] = directory,

            // The embedded (mock) broker answers some pipelined produce requests about 40 ms late (librdkafka debug
            // logs show requests sent together, some answered at once and the rest ~43 ms later), which a real
            // broker does not; one request in flight keeps that artefact out of the handler's figures.
            ["Kafka:Properties:max.in.flight.requests.per.connection"] = "1",
        }, LogLevel.Warning);
        await handler.StartAsync();
        using var client = new HttpClient { BaseAddress = FunctionsHost.BaseUri(handler) };

        var signIns = new SignInSimulator(new SimulationOptions { Identities = 2_000, Duration = TimeSpan.FromDays(2) }).Generate().ToList();
        var warmUp = Math.Max(10, batches / 10);
        var requests = Enumerable.Range(0, warmUp + batches)
            .Select(b => Invocation(signIns, b * BatchSize % Math.Max(1, signIns.Count - BatchSize), b))
            .ToArray();
        Console.WriteLine($"{signIns.Count:N0} simulated sign-ins; {warmUp} warm-up batches, then {batches} batches of {BatchSize}, {concurrency} at a time");

        await PostAllAsync(client, requests[..warmUp], concurrency);
        var stopwatch = Stopwatch.StartNew();
        var latencies = await PostAllAsync(client, requests[warmUp..], concurrency);
        var elapsed = stopwatch.Elapsed;
        await handler.StopAsync();
        Directory.Delete(directory, recursive: true);

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{batches / elapsed.TotalSeconds:N1} batches/s, {batches * BatchSize / elapsed.TotalSeconds:N0} events/s; per invocation p50 {Percentile(latencies, 0.50):N2} ms, p99 {Percentile(latencies, 0.99):N2} ms, max {latencies[^1]:N2} ms"));
    }

    private static async Task<List<double>> PostAllAsync(HttpClient client, byte[][] requests, int concurrency)
    {
        var latencies = new List<double>(requests.Length);
        var next = -1;
        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests.Length)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(new Uri("/SignIns", UriKind.Relative), new ByteArrayContent(requests[index]));
                await response.Content.ReadAsByteArrayAsync();
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"invocation {index} answered {(int)response.StatusCode}");
                }

                lock (latencies)
                {
                    latencies.Add(milliseconds);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        return latencies;
    }

    /// <summary>An invocation request for an Event Hubs trigger (cardinality many, dataType string) of <see cref="BatchSize"/> sign-ins from <paramref name="first"/>.</summary>
    private static byte[] Invocation(List<SimulatedSignIn> signIns, int first, int batch)
    {
        var events = signIns.Skip(first).Take(BatchSize).ToList();
        var request = new JsonObject
        {
            ["Data"] = new JsonObject { ["events"] = new JsonArray([.. events.Select(e => (JsonNode)JsonValue.Create(Encoding.UTF8.GetString(e.Payload))!)]) },
            ["Metadata"] = new JsonObject
            {
                ["PartitionContext"] = new JsonObject { ["EventHubName"] = "entra-signins", ["ConsumerGroup"] = "$Default", ["PartitionId"] = (batch % 4).ToString(CultureInfo.InvariantCulture) },
                ["SequenceNumberArray"] = new JsonArray([.. events.Select((_, i) => (JsonNode)JsonValue.Create((long)batch * BatchSize + i)!)]),
                ["EnqueuedTimeUtcArray"] = new JsonArray([.. events.Select(e => (JsonNode)JsonValue.Create(e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))!)]),
            },
        };
        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    private static double Percentile(List<double> sorted, double quantile) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(quantile * sorted.Count) - 1)];
}
