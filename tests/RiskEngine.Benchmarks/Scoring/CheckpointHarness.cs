using System.Diagnostics;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Storage;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// The cost of checkpointing a partition of many identities: users and workloads scored as in
/// <see cref="StateSizeHarness"/> (half each), serialized to chunks in memory and read back, then saved to and
/// restored from a SQLite checkpoint store as the scoring worker does: serialized on the scoring thread, which waits
/// for that alone, and written by a background task.
/// </summary>
internal static class CheckpointHarness
{
    public static async Task RunAsync(int identities)
    {
        var options = new TrustOptions();
        var scorer = TrustScorer.Create(options, new ScoringContext(options));
        var policy = new TrustPolicy(options);
        var states = new IdentityStateStore(options);
        for (var i = 0; i < identities; i++)
        {
            var user = i % 2 == 0;
            var state = states.GetOrAdd(user ? $"{Guid.CreateVersion7():D}" : $"spiffe://cluster.local/ns/shop/sa/service-{i}");
            foreach (var (_, events) in StateSizeHarness.Phases(user))
            {
                StateSizeHarness.Score(scorer, policy, state, events(state.IdentityId, i));
            }
        }

        var clock = Stopwatch.StartNew();
        var chunks = IdentityCheckpoint.WriteChunks(states.States).ToList();
        var written = clock.Elapsed;
        var bytes = chunks.Sum(chunk => (long)chunk.Length);
        clock.Restart();
        var restored = new IdentityStateStore(options);
        foreach (var chunk in chunks)
        {
            IdentityCheckpoint.ReadChunk(chunk, restored);
        }

        var read = clock.Elapsed;
        Report($"in memory: {bytes / (double)identities:N0} bytes per identity ({bytes / 1048576.0:N0} MiB in {chunks.Count:N0} chunks); serialized in {written.TotalSeconds:N2} s (scoring waits this long for a whole save), read in {read.TotalSeconds:N2} s");
        restored = null;

        var directory = Directory.CreateTempSubdirectory("riskengine-checkpoint-harness-");
        try
        {
            await using var dialect = new SqliteDialect(Path.Combine(directory.FullName, "riskengine.db"));
            var store = new IdentityCheckpointStore(dialect, TimeProvider.System);
            await store.EnsureSchemaAsync(CancellationToken.None);
            var partition = new CheckpointPartition("riskengine-score", "riskengine.events", 0);
            clock.Restart();
            var whole = await store.SaveAsync(partition, 1, IdentityCheckpoint.FormatVersion, states.Count, chunks, CancellationToken.None);
            var saved = clock.Elapsed;
            states.MarkSaved();
            chunks.Clear();

            // One identity in a hundred active in the interval, as in a partition of millions where most are quiet.
            // (A store enumerates in the order identities were added: users at even positions, workloads at odd.)
            foreach (var (state, i) in states.States.Select((state, i) => (state, i)).Where(added => added.i % 100 == 0).ToList())
            {
                var (_, events) = StateSizeHarness.Phases(i % 2 == 0)[0];
                StateSizeHarness.Score(scorer, policy, states.GetOrAdd(state.IdentityId), events(state.IdentityId, i));
            }

            clock.Restart();
            var increment = IdentityCheckpoint.WriteChunks(states.Changed).ToList();
            var serialized = clock.Elapsed;
            clock.Restart();
            await store.AppendAsync(partition, whole!, 2, states.Count, increment, CancellationToken.None);
            var appended = clock.Elapsed;
            var changed = states.Changed.Count;
            clock.Restart();
            var checkpoint = await store.FindAsync(partition, CancellationToken.None);
            var fromDatabase = new IdentityStateStore(options);
            await foreach (var chunk in store.ReadChunksAsync(partition, checkpoint!, CancellationToken.None))
            {
                IdentityCheckpoint.ReadChunk(chunk, fromDatabase);
            }

            var loaded = clock.Elapsed;
            var file = directory.GetFiles("riskengine.db*").Sum(database => database.Length);
            Report($"SQLite, written in the background: whole in {saved.TotalSeconds:N2} s; {changed:N0} changed identities serialized in {serialized.TotalMilliseconds:N0} ms (scoring waits this long) and written incrementally in {appended.TotalMilliseconds:N0} ms; whole and increment restored in {loaded.TotalSeconds:N2} s ({fromDatabase.Count:N0} identities; database and log {file / 1048576.0:N0} MiB)");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Report(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));
}
