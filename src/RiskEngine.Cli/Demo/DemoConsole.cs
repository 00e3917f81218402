using System.Globalization;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Text;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using Spectre.Console;

namespace RiskEngine.Cli.Demo;

/// <summary>Counts what the engine does and, when asked to, shows every SET and dead letter as Kafka accepts it.</summary>
public sealed class DemoConsole(bool showEvents) : IEngineObserver
{
    private long _scored;
    private long _revocations;
    private long _deadLetters;

    public long Scored => Interlocked.Read(ref _scored);

    public long Revocations => Interlocked.Read(ref _revocations);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public void OnScored(in ScoredEvent scored) => Interlocked.Increment(ref _scored);

    public void OnSecurityEventDelivered(in SecurityEvent securityEvent)
    {
        if (securityEvent.Action == TrustAction.RevokeSession)
        {
            Interlocked.Increment(ref _revocations);
        }

        if (!showEvents)
        {
            return;
        }

        var trigger = securityEvent.Trigger;
        var what = securityEvent.Action switch
        {
            TrustAction.RevokeSession => "[red bold]REVOKED[/]",
            TrustAction.StepUp => "[yellow bold]STEP-UP[/]",
            _ => "[blue]RISK LEVEL[/]",
        };
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            "{0} {1} session {2} at {3:HH:mm:ss} (event time) jti {4}\n        [grey]{5}[/]",
            what,
            Markup.Escape(TerminalText.Safe(trigger.UserPrincipalName ?? trigger.IdentityId)!),
            Markup.Escape(TerminalText.Safe(trigger.SessionId) ?? "(all)"),
            trigger.Timestamp.UtcDateTime,
            securityEvent.Token.Jti,
            Markup.Escape(TerminalText.Safe(securityEvent.Reason)!));
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
            Markup.Escape(TerminalText.Safe(deadLetter.Source.Topic)!),
            deadLetter.Source.Partition,
            deadLetter.Source.Offset,
            Markup.Escape(TerminalText.Safe(deadLetter.Reason)!));
    }
}
