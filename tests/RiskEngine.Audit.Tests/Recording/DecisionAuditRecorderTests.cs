using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Audit.Records;
using RiskEngine.Audit.Recording;
using RiskEngine.Audit.Storage;
using RiskEngine.Audit.Tests.Support;
using RiskEngine.Caep;
using RiskEngine.Kafka.Worker;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Audit.Tests.Recording;

public sealed class DecisionAuditRecorderTests : IDisposable
{
    // Sub-second, so that a time read from the header (to the millisecond) and one read from the SET (to the second) differ.
    private static readonly DateTimeOffset EventTime = new(2026, 3, 1, 9, 30, 15, 250, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();
    private readonly SetTopicMessages _messages = new();
    private readonly DecisionAuditStore _store;
    private readonly DecisionAuditRecorder _recorder;

    public DecisionAuditRecorderTests()
    {
        _store = new DecisionAuditStore(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db")));
        _store.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        _recorder = new DecisionAuditRecorder(_store, TimeProvider.System, NullLogger<DecisionAuditRecorder>.Instance);
    }

    private Task<IReadOnlyList<AuditedDecision>> RecordedAsync() => _store.QueryAsync(new AuditQuery(), CancellationToken.None);

    [Fact]
    public async Task A_SET_with_the_engines_headers_is_recorded_with_its_score_explanation_and_threshold_version()
    {
        var revocation = _messages.Revocation("user-1", "event-7", EventTime, thresholdVersion: 4);
        var headers = RevocationHeaders.Of(revocation);
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);

        _recorder.Handle(_messages.Message(revocation.Token), headers, CancellationToken.None);

        var decision = Assert.Single(await RecordedAsync());
        Assert.Equal(revocation.Token.Jti, decision.Jti);
        Assert.Equal("user-1", decision.Identity);
        Assert.Equal(EventTime, decision.EventTime);
        Assert.Equal("event-7", decision.SourceEventId);
        Assert.Equal("RevokeSession", decision.Action);
        Assert.Equal(CaepEventTypes.SessionRevoked, decision.EventType);
        Assert.Equal(30, decision.Score);
        Assert.Equal("High", decision.Level);
        Assert.Equal(4, decision.ThresholdVersion);
        Assert.Equal(Encoding.UTF8.GetString(headers.GetLastBytes(RevocationHeaders.Explanation)), decision.Explanation);
        Assert.Equal(SetTopicMessages.Reason, decision.Reason);
        Assert.InRange(decision.RecordedAt, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_SET_delivered_twice_is_recorded_once()
    {
        var revocation = _messages.Revocation("user-1", "event-7", EventTime);

        _recorder.Handle(_messages.Message(revocation.Token), RevocationHeaders.Of(revocation), CancellationToken.None);
        _recorder.Handle(_messages.Message(revocation.Token), RevocationHeaders.Of(revocation), CancellationToken.None);

        Assert.Equal([revocation.Token.Jti], (await RecordedAsync()).Select(decision => decision.Jti));
    }

    [Fact]
    public async Task A_SET_without_headers_is_recorded_from_its_own_claims_and_key()
    {
        var revocation = _messages.Revocation("user-1", "event-7", EventTime);

        _recorder.Handle(_messages.Message(revocation.Token), SetTopicMessages.NoHeaders(), CancellationToken.None);

        var decision = Assert.Single(await RecordedAsync());
        Assert.Equal(revocation.Token.Jti, decision.Jti);
        Assert.Equal("user-1", decision.Identity);
        // event_timestamp is in whole seconds: 09:30:15.250 becomes 09:30:15.
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.Zero), decision.EventTime);
        Assert.Equal("event-7", decision.SourceEventId);
        Assert.Equal("RevokeSession", decision.Action);
        Assert.Equal(CaepEventTypes.SessionRevoked, decision.EventType);
        Assert.Equal(SetTopicMessages.Reason, decision.Reason);
        Assert.Null(decision.Score);
        Assert.Null(decision.Level);
        Assert.Null(decision.ThresholdVersion);
        Assert.Null(decision.Explanation);
    }

    [Fact]
    public async Task Unreadable_headers_leave_their_members_unknown_and_the_rest_recorded()
    {
        var revocation = _messages.Revocation("user-1", "event-7", EventTime);
        var headers = RevocationHeaders.Of(revocation);
        headers.Remove(RevocationHeaders.Explanation);
        headers.Add(RevocationHeaders.Explanation, "{not json"u8.ToArray());
        headers.Remove(RevocationHeaders.ThresholdVersion);
        headers.Add(RevocationHeaders.ThresholdVersion, "v2"u8.ToArray());
        headers.Remove(RevocationHeaders.Action);
        headers.Add(RevocationHeaders.Action, "Shrug"u8.ToArray());

        _recorder.Handle(_messages.Message(revocation.Token), headers, CancellationToken.None);

        var decision = Assert.Single(await RecordedAsync());
        Assert.Equal(revocation.Token.Jti, decision.Jti);
        Assert.Equal(EventTime, decision.EventTime);
        // The action falls back to what the event type means.
        Assert.Equal("RevokeSession", decision.Action);
        Assert.Null(decision.Explanation);
        Assert.Null(decision.Score);
        Assert.Null(decision.ThresholdVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.W10.")]
    public async Task A_value_that_is_no_SET_and_has_no_headers_is_passed_over(string value)
    {
        _recorder.Handle(_messages.Message("user-1"u8.ToArray(), Encoding.UTF8.GetBytes(value)), SetTopicMessages.NoHeaders(), CancellationToken.None);

        Assert.Empty(await RecordedAsync());
    }

    [Fact]
    public async Task Garbage_bytes_in_value_and_headers_are_passed_over()
    {
        var headers = new Headers { { RevocationHeaders.Jti, [0xff, 0xfe] }, { RevocationHeaders.EventTime, "yesterday"u8.ToArray() } };

        _recorder.Handle(_messages.Message([0xc3], [0xff, 0x00, 0x2e, 0x2e]), headers, CancellationToken.None);

        Assert.Empty(await RecordedAsync());
    }

    [Fact]
    public void A_database_that_cannot_be_written_keeps_the_message_unhandled_until_the_engine_stops()
    {
        // A SQLite file in a directory that does not exist cannot be opened.
        var unreachable = new DecisionAuditRecorder(
            new DecisionAuditStore(new SqliteDialect(Path.Combine(_directory.Path, "missing", "riskengine.db"))),
            TimeProvider.System,
            NullLogger<DecisionAuditRecorder>.Instance);
        var revocation = _messages.Revocation("user-1", "event-7", EventTime);
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            unreachable.Handle(_messages.Message(revocation.Token), RevocationHeaders.Of(revocation), stopping.Token));
    }

    public void Dispose()
    {
        _messages.Dispose();
        _directory.Dispose();
    }
}
