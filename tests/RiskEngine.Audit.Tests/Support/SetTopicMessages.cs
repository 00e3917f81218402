using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Audit.Tests.Support;

/// <summary>
/// Messages as the SET topic carries them: SETs signed by the engine's real issuer, keyed by identity, with the
/// headers the engine's Kafka sink writes (<see cref="RevocationHeaders.Of"/>), or none, as an engine older than the
/// audit wrote them.
/// </summary>
internal sealed class SetTopicMessages : IDisposable
{
    public const string Evidence = "impossible travel: Oslo, NO to Lagos, NG, 4,200 km in 12 min (21,000 km/h)";
    public const string Reason = "impossible travel: Oslo, NO to Lagos, NG";

    private static readonly Lazy<string> SigningKeyPem = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    private readonly SigningKeyProvider _keys = new(Options.Create(new SigningOptions()), NullLogger<SigningKeyProvider>.Instance, _ => SigningKeyPem.Value);
    private readonly SecurityEventTokenIssuer _issuer;
    private long _offset;

    public SetTopicMessages() => _issuer = new SecurityEventTokenIssuer(Options.Create(new CaepOptions()), _keys, TimeProvider.System);

    /// <summary>
    /// A revocation of <paramref name="identity"/> caused by event <paramref name="eventId"/>, as the scoring stage
    /// issues it: 90 - 60 x 1.0 (impossible travel) = 30, level None to High.
    /// </summary>
    public SecurityEvent Revocation(string identity, string eventId, DateTimeOffset eventTime, int thresholdVersion = 0)
    {
        var trigger = new IdentityEvent { EventId = eventId, Timestamp = eventTime, IdentityId = identity, Succeeded = true };
        var assessment = new TrustAssessment
        {
            PreviousScore = 90,
            Normal = 95,
            Penalty = 60,
            Score = 30,
            PreviousLevel = RiskLevel.None,
            Level = RiskLevel.High,
            Findings = [new WeightedFinding("impossible-travel", 60, 1, Evidence)],
        };
        var token = _issuer.Issue(new SessionRevoked(), new SecurityEventCause
        {
            IdentityId = identity,
            TriggeringEventId = eventId,
            EventTime = eventTime,
            ReasonAdmin = Reason,
        });
        return new SecurityEvent(trigger, TrustAction.RevokeSession, token, assessment, Reason, thresholdVersion);
    }

    /// <summary>The SET as the consumer hands it over: key = subject key, value = the compact SET, the next offset.</summary>
    public InputMessage Message(IssuedSecurityEventToken token, DateTimeOffset? messageTime = null) =>
        Message(Encoding.UTF8.GetBytes(token.SubjectKey), Encoding.ASCII.GetBytes(token.Token), messageTime);

    public InputMessage Message(byte[] key, byte[] value, DateTimeOffset? messageTime = null) =>
        new("riskengine.revocations", 0, _offset++, key, value, messageTime);

    /// <summary>No headers at all, as an engine from before the audit headers produced.</summary>
    public static Headers NoHeaders() => [];

    public void Dispose() => _keys.Dispose();
}
