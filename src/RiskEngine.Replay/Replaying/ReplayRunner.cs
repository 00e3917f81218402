using System.Collections.Concurrent;
using RiskEngine.Core.Events;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Replay.Recorded;
using RiskEngine.Sources;

namespace RiskEngine.Replay.Replaying;

/// <summary>
/// The production pipeline over recorded inputs: each input decoded by its own <see cref="DecodeStage"/> on a thread
/// of its own, the inputs merged in event time (an input's own order is kept; of events at the same instant, the
/// earlier input's goes first), and every event scored by each <see cref="ReplayScorer"/> in turn on the calling
/// thread. The same inputs and settings give the same decisions in the same order, however the threads interleave.
/// </summary>
public sealed class ReplayRunner(SourceDecoders decoders, PipelineOptions pipeline)
{
    private const int BatchSize = 1024;
    private const int BatchesAhead = 16;

    public ReplayProgress Progress { get; } = new();

    public ReplayCounts Run(IReadOnlyList<IRecordedMessages> inputs, IReadOnlyList<ReplayScorer> scorers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(scorers);
        Progress.Track(() => inputs.Count == 0 ? 1 : inputs.Average(input => input.Done));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoded = inputs.Select(input => new DecodedInput(input, new DecodeStage(pipeline, decoders))).ToArray();
        var threads = decoded.Select(input => Task.Factory.StartNew(() => input.Decode(stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            var events = Merge(decoded, scorers, stop.Token);
            Task.WaitAll(threads, cancellationToken);
            var rejected = new SortedDictionary<RejectionCode, long>();
            foreach (var (code, count) in decoded.SelectMany(input => input.Rejected))
            {
                rejected[code] = rejected.GetValueOrDefault(code) + count;
            }

            return new ReplayCounts(events, rejected, decoded.Sum(input => input.Skipped));
        }
        finally
        {
            // A failed input or scorer must not leave the other inputs' threads blocked on a full queue.
            stop.Cancel();
            foreach (var input in decoded)
            {
                input.Dispose();
            }
        }
    }

    private long Merge(DecodedInput[] inputs, IReadOnlyList<ReplayScorer> scorers, CancellationToken cancellationToken)
    {
        var heads = new Batch?[inputs.Length];
        var positions = new int[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            heads[i] = inputs[i].Next(cancellationToken);
        }

        long total = 0;
        long unreported = 0;
        while (true)
        {
            var earliest = -1;
            for (var i = 0; i < inputs.Length; i++)
            {
                if (heads[i] is { } head && (earliest < 0 || head.Events[positions[i]].Timestamp < heads[earliest]!.Events[positions[earliest]].Timestamp))
                {
                    earliest = i;
                }
            }

            if (earliest < 0)
            {
                Progress.Scored(unreported);
                return total;
            }

            var batch = heads[earliest]!;
            var identityEvent = batch.Events[positions[earliest]];
            foreach (var scorer in scorers)
            {
                scorer.Score(identityEvent);
            }

            total++;
            if (++unreported == BatchSize)
            {
                Progress.Scored(unreported);
                unreported = 0;
            }

            if (++positions[earliest] == batch.Count)
            {
                heads[earliest] = inputs[earliest].Next(cancellationToken);
                positions[earliest] = 0;
            }
        }
    }

    private sealed class Batch(int capacity)
    {
        public IdentityEvent[] Events { get; } = new IdentityEvent[capacity];

        public int Count { get; set; }
    }

    /// <summary>One input, decoded on its own thread into batches the merging thread takes in order.</summary>
    private sealed class DecodedInput(IRecordedMessages input, DecodeStage stage) : IDecodeSink, IDisposable
    {
        private readonly BlockingCollection<Batch> _ready = new(BatchesAhead);
        private Batch _filling = new(BatchSize);
        private Exception? _failure;

        public Dictionary<RejectionCode, long> Rejected { get; } = [];

        public long Skipped { get; private set; }

        public void Decode(CancellationToken cancellationToken)
        {
            try
            {
                while (input.TryRead(out var message))
                {
                    stage.Process(message, input.Format, this);
                    if (_filling.Count >= BatchSize)
                    {
                        _ready.Add(_filling, cancellationToken);
                        _filling = new Batch(BatchSize);
                    }
                }

                if (_filling.Count > 0)
                {
                    _ready.Add(_filling, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _failure = new InvalidDataException($"Reading {input.Name} failed: {ex.Message}", ex);
            }
            finally
            {
                _ready.CompleteAdding();
            }
        }

        /// <summary>The next batch, or null once the input is read to its end.</summary>
        public Batch? Next(CancellationToken cancellationToken)
        {
            if (_ready.TryTake(out var batch, Timeout.Infinite, cancellationToken))
            {
                return batch;
            }

            return _failure is { } failure ? throw failure : null;
        }

        public void OnDecoded(IdentityEvent identityEvent, in InputMessage source)
        {
            // One message may hold many records (an Entra envelope): a batch grows past its size rather than split one.
            if (_filling.Count == _filling.Events.Length)
            {
                var larger = new Batch(_filling.Events.Length * 2) { Count = _filling.Count };
                Array.Copy(_filling.Events, larger.Events, _filling.Count);
                _filling = larger;
            }

            _filling.Events[_filling.Count++] = identityEvent;
        }

        public void OnDeadLetter(in DeadLetter deadLetter) => Rejected[deadLetter.Code] = Rejected.GetValueOrDefault(deadLetter.Code) + 1;

        public void OnSkipped(in InputMessage source, string kind) => Skipped++;

        public void Dispose()
        {
            _ready.Dispose();
            input.Dispose();
        }
    }
}
