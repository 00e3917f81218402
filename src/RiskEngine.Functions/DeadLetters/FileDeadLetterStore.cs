using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskEngine.Functions.Invocation;

namespace RiskEngine.Functions.DeadLetters;

/// <summary>
/// Keeps what the handler could not finish in <see cref="FunctionsOptions.DeadLetterDirectory"/>, one file per
/// invocation, written to a temporary name, flushed to disk and then renamed, so that a file that exists is whole.
/// A readable batch is kept as an invocation request (<see cref="StoredInvocation"/>) that can be POSTed again; an
/// unreadable request is kept byte for byte beside a file saying why.
/// </summary>
public sealed class FileDeadLetterStore
{
    private readonly string _directory;
    private readonly TimeProvider _time;

    public FileDeadLetterStore(IOptions<FunctionsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.Value.DeadLetterDirectory;
        _time = time;
    }

    /// <summary>Keeps <paramref name="events"/> of <paramref name="batch"/> under <paramref name="binding"/>; returns the file's path.</summary>
    public string Store(string function, string binding, EventHubBatch batch, IReadOnlyList<EventHubEvent> events, string reason)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(events);
        var storedAt = _time.GetUtcNow();
        var invocation = new StoredInvocation(
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [binding] = [.. events.Select(e => Encoding.UTF8.GetString(e.Body.Span))] },
            new StoredMetadata(
                new StoredPartitionContext(batch.EventHubName, batch.ConsumerGroup, batch.PartitionId),
                [.. events.Select(e => e.SequenceNumber)],
                [.. events.Select(e => e.Offset)],
                [.. events.Select(e => e.PartitionKey)],
                [.. events.Select(e => e.EnqueuedTime)],
                function,
                reason,
                storedAt));
        var first = events.Count > 0 ? events[0].SequenceNumber?.ToString(CultureInfo.InvariantCulture) ?? "na" : "empty";
        var path = PathFor(storedAt, function, $"p{batch.PartitionId ?? "na"}-s{first}", "json");
        Write(path, JsonSerializer.SerializeToUtf8Bytes(invocation, FunctionsJsonContext.Default.StoredInvocation));
        return path;
    }

    /// <summary>Keeps an invocation request that could not be read as it came, and why beside it; returns the request's path.</summary>
    public string StoreUnreadable(string function, ReadOnlySpan<byte> request, string reason)
    {
        var storedAt = _time.GetUtcNow();
        var path = PathFor(storedAt, function, "unreadable", "request");
        Write(path + ".reason.txt", Encoding.UTF8.GetBytes(reason));
        Write(path, request);
        return path;
    }

    private string PathFor(DateTimeOffset storedAt, string function, string detail, string extension)
    {
        Directory.CreateDirectory(_directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{storedAt:yyyyMMddTHHmmssfffZ}-{Sanitize(function)}-{detail}-{Guid.NewGuid():N}.{extension}");
        return Path.Combine(_directory, name);
    }

    private static string Sanitize(string function) =>
        string.Concat(function.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
    }
}
