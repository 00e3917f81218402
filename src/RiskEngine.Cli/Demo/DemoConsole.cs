using System.Globalization;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using Spectre.Console;

namespace RiskEngine.Cli.Demo;

/// <summary>Counts what the engine does and, when asked to, shows every revocation and dead letter as Kafka accepts it.</summary>
public sealed class DemoConsole(bool showEvents) : IEngineObserver
{
    private long _scored;
    private long _revocations;
    private long _deadLetters;

    public long Scored => Interlocked.Read(ref _scored);

    public long Revocations => Interlocked.Read(ref _revocations);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public void OnScored(in ScoredEvent scored) => Interlocked.Increment(ref _scored);

    public void OnRevocationDelivered(in Revocation revocation)
    {
        Interlocked.Increment(ref _revocations);
        if (!showEvents)
        {
            return;
        }

        var trigger = revocation.Trigger;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            "[red bold]REVOKED[/] {0} session {1} at {2:HH:mm:ss} (event time) jti {3}\n        [grey]{4}[/]",
            Markup.Escape(trigger.UserPrincipalName ?? trigger.IdentityId),
            Markup.Escape(trigger.SessionId ?? "(all)"),
            trigger.Timestamp.UtcDateTime,
            revocation.Token.Jti,
            Markup.Escape(revocation.Reason));
    }

    public void OnDeadLetterDelivered(in DeadLetter deadLetter)
    {
        Interlocked.Increment(ref _deadLetters);
        if (!showEvents)
        {
            return;
        }

        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            "[yellow]DEAD-LETTERED[/] {0}[[{1}]]@{2}: {3}",
            Markup.Escape(deadLetter.Source.Topic),
            deadLetter.Source.Partition,
            deadLetter.Source.Offset,
            Markup.Escape(deadLetter.Reason));
    }
}
