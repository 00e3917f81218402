using RiskEngine.Caep;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Comparing;
using RiskEngine.Replay.Output;
using RiskEngine.Replay.Recorded;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Replaying;

/// <summary>
/// <c>riskengine replay</c> without the command line: recorded inputs through the production decode and scoring
/// stages under a candidate setting (and, to compare, a baseline one over the same events), into the summary, the
/// decision lines and the diff.
/// </summary>
public sealed class ReplayJob
{
    public required IReadOnlyList<IRecordedMessages> Inputs { get; init; }

    public required SourceDecoders Decoders { get; init; }

    public required PipelineOptions Pipeline { get; init; }

    public required CaepOptions Caep { get; init; }

    /// <summary>The settings whose decisions the replay reports.</summary>
    public required TrustOptions Candidate { get; init; }

    /// <summary>Settings to compare the candidate with; null for no comparison.</summary>
    public TrustOptions? Baseline { get; init; }

    /// <summary>A fresh context for each setting's scorer, with the reference data production loads (anonymizing networks, models).</summary>
    public required Func<TrustOptions, ScoringContext> CreateContext { get; init; }

    /// <summary>Where the decision lines go; null for none.</summary>
    public Stream? Decisions { get; init; }

    /// <summary>A line for every scored event, not only those whose decision acted.</summary>
    public bool EveryEvent { get; init; }

    /// <summary>Anything else that wants every scored event of the candidate (the HTML report).</summary>
    public IScoringSink? Observer { get; init; }

    private ReplayRunner? _runner;

    public ReplayProgress Progress => Runner.Progress;

    private ReplayRunner Runner => _runner ??= new ReplayRunner(Decoders, Pipeline);

    public ReplayResult Run(CancellationToken cancellationToken)
    {
        var summary = new ReplaySummary();
        var diff = Baseline is null ? null : new ActionDiff();
        using var decisions = Decisions is null ? null : new DecisionJsonLines(Decisions);
        var candidate = new CandidateOutputs(summary, decisions, EveryEvent, diff, Observer);
        var scorers = new List<ReplayScorer> { new(Candidate, CreateContext(Candidate), Caep, candidate) };
        if (Baseline is not null)
        {
            scorers.Add(new ReplayScorer(Baseline, CreateContext(Baseline), Caep, new BaselineOutputs(diff!)));
        }

        try
        {
            var counts = Runner.Run(Inputs, scorers, cancellationToken);
            summary.AddRejected(counts.RejectedTotal);
            return new ReplayResult(counts, summary, diff);
        }
        finally
        {
            foreach (var scorer in scorers)
            {
                scorer.Dispose();
            }
        }
    }
}
