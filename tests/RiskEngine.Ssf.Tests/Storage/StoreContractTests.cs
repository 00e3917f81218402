using RiskEngine.Caep;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Tests.Storage;

/// <summary>What every <see cref="ISsfStore"/> must do, run against SQLite and PostgreSQL alike.</summary>
public abstract class StoreContractTests
{
    private const long Now = 1_800_000_000_000;

    private protected abstract Task<ISsfStore> CreateStoreAsync();

    private static StreamConfiguration Stream(string id, string method = DeliveryMethods.Push, StreamStatus status = StreamStatus.Enabled) =>
        new(id, ["https://receiver.example/" + id], [CaepEventTypes.SessionRevoked],
            new StreamDelivery(method, "https://receiver.example/events", "Bearer receiver-secret"), "stream " + id, status, null);

    private static OutboxEntry Entry(string stream, string jti, string subject, bool control = false) =>
        new() { StreamId = stream, Jti = jti, SubjectKey = subject, EventType = CaepEventTypes.SessionRevoked, Token = "token-" + jti, IsControl = control };

    private async Task<ISsfStore> StoreWithStreamsAsync(params StreamConfiguration[] streams)
    {
        var store = await CreateStoreAsync();
        await store.EnsureSchemaAsync(CancellationToken.None);
        // Creating the schema twice is what every restart does.
        await store.EnsureSchemaAsync(CancellationToken.None);
        foreach (var stream in streams)
        {
            await store.CreateStreamAsync(stream, CancellationToken.None);
        }

        return store;
    }

    [Fact]
    public async Task Streams_round_trip_with_every_member()
    {
        var stream = Stream("s1") with { Audiences = ["urn:a", "urn:b"], StatusReason = "because" };
        var store = await StoreWithStreamsAsync(stream);

        var read = await store.GetStreamAsync("s1", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(["urn:a", "urn:b"], read.Audiences);
        Assert.Equal(stream.EventsRequested, read.EventsRequested);
        Assert.Equal(stream.Delivery, read.Delivery);
        Assert.Equal("stream s1", read.Description);
        Assert.Equal("because", read.StatusReason);

        Assert.True(await store.UpdateStreamAsync(read with { Status = StreamStatus.Paused, Description = null }, CancellationToken.None));
        var updated = await store.GetStreamAsync("s1", CancellationToken.None);
        Assert.Equal(StreamStatus.Paused, updated!.Status);
        Assert.Null(updated.Description);
        Assert.False(await store.UpdateStreamAsync(Stream("missing"), CancellationToken.None));
        Assert.Single(await store.ListStreamsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_SET_is_kept_once_per_stream_however_often_it_is_enqueued()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"), Stream("s2"));

        Assert.Equal(2, await store.EnqueueAsync([Entry("s1", "j1", "alice"), Entry("s2", "j1", "alice")], CancellationToken.None));
        // A replay after a crash between the outbox commit and the offset commit writes the same SETs again.
        Assert.Equal(0, await store.EnqueueAsync([Entry("s1", "j1", "alice"), Entry("s2", "j1", "alice")], CancellationToken.None));

        Assert.Single(await store.PendingAsync("s1", includeHeld: true, 10, CancellationToken.None));
        Assert.Single(await store.PendingAsync("s2", includeHeld: true, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Push_offers_only_the_oldest_pending_SET_of_each_subject()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"));
        await store.EnqueueAsync([Entry("s1", "a1", "alice"), Entry("s1", "b1", "bob"), Entry("s1", "a2", "alice")], CancellationToken.None);

        var due = await store.DuePushAsync(long.MaxValue, 10, CancellationToken.None);
        Assert.Equal(["a1", "b1"], due.Select(entry => entry.Jti));

        Assert.Equal(1, await store.AcknowledgeAsync("s1", ["a1"], CancellationToken.None));
        due = await store.DuePushAsync(long.MaxValue, 10, CancellationToken.None);
        Assert.Equal(["b1", "a2"], due.Select(entry => entry.Jti));
    }

    [Fact]
    public async Task A_retry_waits_for_its_time_and_holds_back_its_subject_meanwhile()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"));
        await store.EnqueueAsync([Entry("s1", "a1", "alice"), Entry("s1", "a2", "alice")], CancellationToken.None);
        var first = (await store.DuePushAsync(long.MaxValue, 10, CancellationToken.None)).Single();

        await store.ScheduleRetryAsync(first.Seq, attempts: 1, nextAttemptMs: Now + 500, "HTTP 503: busy", CancellationToken.None);

        Assert.Empty(await store.DuePushAsync(Now + 499, 10, CancellationToken.None));
        Assert.Equal(Now + 500, await store.NextPushAttemptAsync(CancellationToken.None));
        var retried = Assert.Single(await store.DuePushAsync(Now + 500, 10, CancellationToken.None));
        Assert.Equal(("a1", 1, "HTTP 503: busy"), (retried.Jti, retried.Attempts, retried.LastError));
    }

    [Fact]
    public async Task Pending_counts_are_the_undelivered_SETs_of_each_stream()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"), Stream("s2"), Stream("s3"));
        await store.EnqueueAsync(
            [Entry("s1", "a1", "alice"), Entry("s1", "a2", "alice"), Entry("s1", "b1", "bob"), Entry("s2", "a1", "alice"), Entry("s3", "a1", "alice")],
            CancellationToken.None);

        // s1: 3 enqueued, 1 acknowledged; s2: 1 enqueued, rejected (no longer pending); s3: 1 enqueued.
        await store.AcknowledgeAsync("s1", ["a1"], CancellationToken.None);
        await store.RejectAsync("s2", "a1", "invalid_audience", CancellationToken.None);

        var counts = await store.PendingCountsAsync(CancellationToken.None);
        Assert.Equal(new Dictionary<string, long> { ["s1"] = 2, ["s3"] = 1 }, counts);
    }

    [Fact]
    public async Task A_rejected_SET_is_kept_with_its_error_and_no_longer_holds_back_its_subject()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"));
        await store.EnqueueAsync([Entry("s1", "a1", "alice"), Entry("s1", "a2", "alice")], CancellationToken.None);

        Assert.True(await store.RejectAsync("s1", "a1", "invalid_audience: aud is wrong", CancellationToken.None));
        Assert.False(await store.RejectAsync("s1", "a1", "twice", CancellationToken.None));

        Assert.Equal(["a2"], (await store.DuePushAsync(long.MaxValue, 10, CancellationToken.None)).Select(entry => entry.Jti));
        var rejected = Assert.Single(await store.RejectedAsync("s1", 10, CancellationToken.None));
        Assert.Equal(("a1", OutboxState.Rejected, "invalid_audience: aud is wrong"), (rejected.Jti, rejected.State, rejected.LastError));
        // An acknowledgement of a rejected SET does not remove the record of the rejection.
        Assert.Equal(0, await store.AcknowledgeAsync("s1", ["a1"], CancellationToken.None));
    }

    [Fact]
    public async Task A_paused_stream_holds_its_events_but_not_its_control_events()
    {
        var store = await StoreWithStreamsAsync(Stream("s1", status: StreamStatus.Paused), Stream("p1", DeliveryMethods.Poll, StreamStatus.Paused));
        await store.EnqueueAsync(
            [Entry("s1", "a1", "alice"), Entry("s1", "c1", "stream:s1", control: true), Entry("p1", "a1", "alice"), Entry("p1", "c1", "stream:p1", control: true)],
            CancellationToken.None);

        Assert.Equal(["c1"], (await store.DuePushAsync(long.MaxValue, 10, CancellationToken.None)).Select(entry => entry.Jti));
        Assert.Equal(["c1"], (await store.PendingAsync("p1", includeHeld: false, 10, CancellationToken.None)).Select(entry => entry.Jti));
        Assert.Equal(["a1", "c1"], (await store.PendingAsync("p1", includeHeld: true, 10, CancellationToken.None)).Select(entry => entry.Jti));

        var paused = await store.GetStreamAsync("s1", CancellationToken.None);
        await store.UpdateStreamAsync(paused! with { Status = StreamStatus.Enabled }, CancellationToken.None);
        Assert.Equal(["a1", "c1"], (await store.DuePushAsync(long.MaxValue, 10, CancellationToken.None)).Select(entry => entry.Jti));
    }

    [Fact]
    public async Task Dropping_held_events_keeps_control_events()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"));
        await store.EnqueueAsync([Entry("s1", "a1", "alice"), Entry("s1", "b1", "bob"), Entry("s1", "c1", "stream:s1", control: true)], CancellationToken.None);

        Assert.Equal(2, await store.DropHeldAsync("s1", CancellationToken.None));
        Assert.Equal(["c1"], (await store.PendingAsync("s1", includeHeld: true, 10, CancellationToken.None)).Select(entry => entry.Jti));
    }

    [Fact]
    public async Task Verification_is_recorded_at_most_once_per_interval()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"));

        Assert.True(await store.TryRecordVerificationAsync("s1", Now, 30_000, CancellationToken.None));
        Assert.False(await store.TryRecordVerificationAsync("s1", Now + 29_999, 30_000, CancellationToken.None));
        Assert.True(await store.TryRecordVerificationAsync("s1", Now + 30_000, 30_000, CancellationToken.None));
        Assert.False(await store.TryRecordVerificationAsync("missing", Now, 30_000, CancellationToken.None));
    }

    [Fact]
    public async Task Subjects_are_upserted_and_deleting_a_stream_deletes_its_subjects_and_outbox()
    {
        var store = await StoreWithStreamsAsync(Stream("s1"), Stream("s2"));
        await store.SetSubjectAsync(new StreamSubject("s1", "{\"format\":\"email\",\"email\":\"a@example.com\"}", Included: true), CancellationToken.None);
        await store.SetSubjectAsync(new StreamSubject("s1", "{\"format\":\"email\",\"email\":\"a@example.com\"}", Included: false), CancellationToken.None);
        await store.SetSubjectAsync(new StreamSubject("s2", "{\"format\":\"opaque\",\"id\":\"x\"}", Included: true), CancellationToken.None);
        await store.EnqueueAsync([Entry("s1", "a1", "alice"), Entry("s2", "a1", "alice")], CancellationToken.None);

        var subjects = await store.ListSubjectsAsync(CancellationToken.None);
        Assert.False(Assert.Single(subjects, subject => subject.StreamId == "s1").Included);

        Assert.True(await store.DeleteStreamAsync("s1", CancellationToken.None));
        Assert.False(await store.DeleteStreamAsync("s1", CancellationToken.None));
        Assert.Null(await store.GetStreamAsync("s1", CancellationToken.None));
        Assert.Empty(await store.PendingAsync("s1", includeHeld: true, 10, CancellationToken.None));
        Assert.Equal(["s2"], (await store.ListSubjectsAsync(CancellationToken.None)).Select(subject => subject.StreamId));
        Assert.Single(await store.PendingAsync("s2", includeHeld: true, 10, CancellationToken.None));
    }
}
