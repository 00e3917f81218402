using Confluent.Kafka;
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Storage;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>
/// The checkpoints a scoring group stored in an engine's SQLite database, beside the end of each partition of the
/// events topic: what a test waits on before it kills, breaks or restarts the engine.
/// </summary>
internal sealed class CheckpointProgress(string databaseDirectory, string bootstrapServers, string scoringGroup, string eventsTopic, int partitions)
{
    /// <summary>Waits until every partition holding events has a checkpoint at its end that <paramref name="accept"/> takes.</summary>
    public async Task WaitUntilAtEndAsync(TimeSpan timeout, Func<StoredCheckpoint, bool>? accept = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var behind = (await ReadAsync()).Count(partition =>
                partition.End > 0 && (partition.Checkpoint?.NextOffset != partition.End || accept?.Invoke(partition.Checkpoint) == false));
            if (behind == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{behind} partitions not checkpointed to their end");
            await Task.Delay(200);
        }
    }

    /// <summary>Each partition's end (high watermark) and stored checkpoint, if any.</summary>
    public async Task<IReadOnlyList<(int Partition, long End, StoredCheckpoint? Checkpoint)>> ReadAsync()
    {
        await using var dialect = new SqliteDialect(Path.Combine(databaseDirectory, "riskengine.db"));
        var store = new IdentityCheckpointStore(dialect, TimeProvider.System);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = $"test-watermarks-{Guid.NewGuid():N}" }).Build();
        var progress = new List<(int, long, StoredCheckpoint?)>(partitions);
        for (var partition = 0; partition < partitions; partition++)
        {
            var end = consumer.QueryWatermarkOffsets(new TopicPartition(eventsTopic, partition), TimeSpan.FromSeconds(5)).High.Value;
            progress.Add((partition, end, end == 0 ? null : await store.FindAsync(new CheckpointPartition(scoringGroup, eventsTopic, partition), CancellationToken.None)));
        }

        return progress;
    }
}
