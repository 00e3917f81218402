using RiskEngine.Core.Events;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;

namespace RiskEngine.Kafka.Batches;

/// <summary>Counts what one batch's records became on their way to the sink that writes them.</summary>
internal sealed class CountingDecodeSink(IDecodeSink inner) : IDecodeSink
{
    public int Decoded { get; private set; }

    public int DeadLettered { get; private set; }

    public int Skipped { get; private set; }

    public void OnDecoded(IdentityEvent identityEvent, in InputMessage source)
    {
        Decoded++;
        inner.OnDecoded(identityEvent, source);
    }

    public void OnDeadLetter(in DeadLetter deadLetter)
    {
        DeadLettered++;
        inner.OnDeadLetter(deadLetter);
    }

    public void OnSkipped(in InputMessage source, string kind)
    {
        Skipped++;
        inner.OnSkipped(source, kind);
    }
}
