using System.Runtime.CompilerServices;
using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Tests.Simulation.Traffic;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Identity.Checkpoints;

/// <summary>
/// Identity state written to a checkpoint and read back must score what follows exactly as the state it was taken
/// from: the simulated day and a half (sign-ins, mesh requests, policy decisions, attacks) is scored by two identical
/// pipelines; halfway, one of them swaps its identities for a checkpoint of the other's, and both score the rest.
/// </summary>
public sealed class IdentityCheckpointTests
{
    private static readonly TrustOptions Options = new();

    [Fact]
    public void A_restored_state_scores_the_rest_of_the_run_as_the_original()
    {
        var events = DecodedRun.Standard.Events.Select(e => e.Event).ToList();
        var half = events.Count / 2;
        var original = new Pipeline();
        var restored = new Pipeline();
        foreach (var identityEvent in events.Take(half))
        {
            original.Score(identityEvent);
            restored.Score(identityEvent);
        }

        // Small chunks, so identities are spread over many of them, as in a large partition.
        var chunks = IdentityCheckpoint.WriteChunks(original.States.States, chunkBytes: 16 * 1024).ToList();
        restored.States = new IdentityStateStore(Options);
        var read = chunks.Sum(chunk => IdentityCheckpoint.ReadChunk(chunk, restored.States));

        Assert.True(chunks.Count > 1, $"{chunks.Count} chunk(s)");
        Assert.Equal(original.States.Count, read);
        Assert.Equal(original.States.Count, restored.States.Count);
        AssertSameStates(original.States, restored.States);

        // The run reaches every part of the state that a checkpoint must carry.
        var states = restored.States.States.ToList();
        Assert.Contains(states, s => s.SignIns?.LastSuccessfulSignIn is not null);
        Assert.Contains(states, s => s.Workload is { KnownDestinationCount: > 0 });
        Assert.Contains(states, s => s.Decisions is { AllowedDecisions: > 0 });
        Assert.Contains(states, s => s.RecentFindings.Count > 0);
        Assert.Contains(states, s => s.InRevokedEpisode);

        var outcomes = 0;
        var revocations = 0;
        foreach (var identityEvent in events.Skip(half))
        {
            var expected = original.Score(identityEvent);
            Assert.Equal(expected, restored.Score(identityEvent));
            outcomes++;
            revocations += expected.Contains(nameof(TrustAction.RevokeSession), StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(revocations > 0, "the second half revokes nothing, so it proves little");
        Assert.Equal(events.Count - half, outcomes);
        AssertSameStates(original.States, restored.States);
    }

    [Fact]
    public void A_whole_checkpoint_and_the_increments_after_it_restore_the_state_of_the_last()
    {
        var events = DecodedRun.Standard.Events.Select(e => e.Event).ToList();
        var pipeline = new Pipeline();
        var chunks = new List<byte[]>();
        var increments = new List<int>();
        foreach (var part in events.Chunk(events.Count / 3))
        {
            // The first save holds every identity so far; each later one, the identities scored since.
            Assert.Empty(pipeline.States.Changed);
            foreach (var identityEvent in part)
            {
                pipeline.Score(identityEvent);
            }

            var changed = pipeline.States.Changed;
            Assert.Equal(part.Select(e => e.IdentityId).Distinct().Order(StringComparer.Ordinal), changed.Select(s => s.IdentityId).Order(StringComparer.Ordinal));
            increments.Add(changed.Count);
            chunks.AddRange(IdentityCheckpoint.WriteChunks(changed, chunkBytes: 16 * 1024));
            pipeline.States.MarkSaved();
        }

        var restored = new IdentityStateStore(Options);
        var read = chunks.Sum(chunk => IdentityCheckpoint.ReadChunk(chunk, restored));

        Assert.True(increments.Skip(1).All(count => count < pipeline.States.Count), string.Join(", ", increments));
        Assert.Equal(increments.Sum(), read);
        Assert.Equal(pipeline.States.Count, restored.Count);
        AssertSameStates(pipeline.States, restored);
    }

    [Fact]
    public void A_chunk_of_another_format_is_refused()
    {
        var chunk = IdentityCheckpoint.Write(ScoredState());
        chunk[0] = IdentityCheckpoint.FormatVersion + 1;

        var error = Assert.Throws<InvalidDataException>(() => IdentityCheckpoint.ReadChunk(chunk, new IdentityStateStore(Options)));
        Assert.Contains("format 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_chunk_is_refused()
    {
        var chunk = IdentityCheckpoint.Write(ScoredState());

        var error = Assert.Throws<InvalidDataException>(() => IdentityCheckpoint.ReadChunk(chunk.AsSpan(0, chunk.Length - 3), new IdentityStateStore(Options)));
        Assert.Contains("bytes wanted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_in_history_sized_for_other_trust_options_is_refused()
    {
        var chunk = IdentityCheckpoint.Write(ScoredState());
        var other = new TrustOptions();
        other.NewDevice.KnownValuesPerIdentity++;

        var error = Assert.Throws<InvalidDataException>(() => IdentityCheckpoint.ReadChunk(chunk, new IdentityStateStore(other)));
        Assert.Contains("another layout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_structs_written_byte_for_byte_keep_their_size()
    {
        // A change here changes the checkpoint format: raise IdentityCheckpoint.FormatVersion with it.
        // 5 features x (6 x 4 + 6 x 2 + 4) = 200; 16 x 4 + 2 -> 68, then 2 x 8 after aligning to 72 = 88; 8 + 4 + 4.
        Assert.Equal(200, Unsafe.SizeOf<IdentityFeatureHistories>());
        Assert.Equal(88, Unsafe.SizeOf<TrafficSeries>());
        Assert.Equal(16, Unsafe.SizeOf<ActivityProfile>());
        Assert.Equal(16, Unsafe.SizeOf<SourceAddresses>());
    }

    private static IdentityState ScoredState()
    {
        var pipeline = new Pipeline();
        var identity = DecodedRun.Standard.Events.First(e => e.Event.Kind == EventKind.SignIn).Event.IdentityId;
        foreach (var (_, identityEvent) in DecodedRun.Standard.Of(identity).Take(20))
        {
            pipeline.Score(identityEvent);
        }

        return pipeline.States.GetOrAdd(identity);
    }

    /// <summary>Every identity writes the same bytes in both stores: what is written was read back whole.</summary>
    private static void AssertSameStates(IdentityStateStore expected, IdentityStateStore actual)
    {
        foreach (var state in expected.States)
        {
            Assert.Equal(IdentityCheckpoint.Write(state), IdentityCheckpoint.Write(actual.GetOrAdd(state.IdentityId)));
        }
    }

    /// <summary>The scorer and policy over a store, as the scoring stage runs them, with its own population context.</summary>
    private sealed class Pipeline
    {
        private readonly TrustScorer _scorer;
        private readonly TrustPolicy _policy = new(Options);

        public Pipeline() => _scorer = TrustScorer.Create(Options, new ScoringContext(Options));

        public IdentityStateStore States { get; set; } = new(Options);

        /// <summary>The assessment and decision in words: equal strings, equal outcomes.</summary>
        public string Score(IdentityEvent identityEvent)
        {
            var state = States.GetOrAdd(identityEvent.IdentityId);
            var assessment = _scorer.Assess(identityEvent, state);
            var decision = _policy.Decide(assessment, identityEvent, state);
            return $"{identityEvent.EventId}: {assessment with { Findings = [] }} [{string.Join("; ", assessment.Findings)}] {decision}";
        }
    }
}
