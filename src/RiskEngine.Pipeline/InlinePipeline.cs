using RiskEngine.Core.Events;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Sources;

namespace RiskEngine.Pipeline;

/// <summary>
/// Both stages in one step, for hosts without an identity-keyed topic between them (a replay, the Functions
/// handler): every event is scored as it is decoded, all identities in one partition. The stages are the
/// ones the Kafka engine runs, so the scores are the same. Not thread-safe: one instance per thread.
/// </summary>
public sealed class InlinePipeline
{
    private const int SinglePartition = 0;

    private readonly DecodeStage _decode;
    private readonly ScoringStage _scoring;
    private readonly ScoreOnDecode _scoreOnDecode;

    public InlinePipeline(DecodeStage decode, ScoringStage scoring)
    {
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(scoring);
        _decode = decode;
        _scoring = scoring;
        _scoreOnDecode = new ScoreOnDecode(scoring);
    }

    public int IdentityCount => _scoring.IdentityCount;

    public void Process(in InputMessage message, SourceFormat format, IPipelineSink sink)
    {
        _scoreOnDecode.Sink = sink;
        _decode.Process(message, format, _scoreOnDecode);
    }

    private sealed class ScoreOnDecode(ScoringStage scoring) : IDecodeSink
    {
        public IPipelineSink Sink { get; set; } = null!;

        public void OnDecoded(IdentityEvent identityEvent, in InputMessage source) => scoring.Score(SinglePartition, identityEvent, Sink);

        public void OnDeadLetter(in DeadLetter deadLetter) => Sink.OnDeadLetter(deadLetter);

        public void OnSkipped(in InputMessage source, string kind) => Sink.OnSkipped(source, kind);
    }
}
