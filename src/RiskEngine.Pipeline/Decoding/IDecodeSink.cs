using RiskEngine.Core.Events;

namespace RiskEngine.Pipeline.Decoding;

/// <summary>Where the decode stage puts each record of a message. Called synchronously on the stage's thread, in input order.</summary>
public interface IDecodeSink
{
    /// <summary>A valid event, ready to be keyed by <see cref="IdentityEvent.IdentityId"/> and scored.</summary>
    void OnDecoded(IdentityEvent identityEvent, in InputMessage source);

    void OnDeadLetter(in DeadLetter deadLetter);

    /// <summary>A well-formed record of a kind that is not scored (an Entra audit log, say); <paramref name="kind"/> names it.</summary>
    void OnSkipped(in InputMessage source, string kind);
}
