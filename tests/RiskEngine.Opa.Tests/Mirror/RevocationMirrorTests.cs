using System.Text.Json;
using RiskEngine.Opa.Mirror;
using RiskEngine.Opa.Tests.Peers;

namespace RiskEngine.Opa.Tests.Mirror;

/// <summary>The mirror against the Python OPA Data API stand-in, a fresh one per test.</summary>
public sealed class RevocationMirrorTests : IAsyncLifetime
{
    private OpaStandIn _opa = null!;

    public async Task InitializeAsync() => _opa = await OpaStandIn.StartedAsync();

    public async Task DisposeAsync() => await _opa.DisposeAsync();

    [Fact]
    public async Task Start_writes_the_whole_set_with_one_put_in_the_shape_the_rego_rule_reads()
    {
        await using var running = new RunningMirror(_opa);
        var ann = Revocations.Subject("ann@example.com");
        var workload = Revocations.Subject("spiffe://example.org/ns/prod/sa/payments");
        var session = Revocations.Session("bob@example.com", "sid-42");
        running.Mirror.ReplaceAll([ann, workload, session]);
        running.Start();

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 2 && Keys(await _opa.DocumentAsync(), "sessions").Count == 1,
            "OPA holds the two subjects and the session");

        // What data.riskengine.revoked.subjects[input.user.id] and .sessions[input.session.id] find in OPA.
        var document = (await _opa.DocumentAsync())!.Value;
        var annEntry = document.GetProperty("subjects").GetProperty("ann@example.com");
        Assert.Equal("jti-ann@example.com", annEntry.GetProperty("jti").GetString());
        Assert.Equal("session-revoked: impossible travel", annEntry.GetProperty("reason").GetString());
        Assert.Equal(ann.RevokedAt.ToUnixTimeSeconds(), annEntry.GetProperty("revoked_at").GetInt64());
        // expires_at rounds up to whole seconds: the rule's time.now_ns() < expires_at * 1e9 holds for the full hour.
        Assert.Equal((ann.ExpiresAt.ToUnixTimeMilliseconds() + 999) / 1000, annEntry.GetProperty("expires_at").GetInt64());
        Assert.True(document.GetProperty("subjects").TryGetProperty("spiffe://example.org/ns/prod/sa/payments", out _));
        var sessionEntry = document.GetProperty("sessions").GetProperty("sid-42");
        Assert.Equal("bob@example.com", sessionEntry.GetProperty("subject").GetString());
        Assert.Equal("jti-sid-42", sessionEntry.GetProperty("jti").GetString());

        var requests = await _opa.RequestsAsync();
        var put = Assert.Single(requests, request => request.Method != "GET");
        Assert.Equal(("PUT", "/v1/data/riskengine/revoked", "application/json"), (put.Method, put.Path, put.ContentType));
    }

    [Fact]
    public async Task An_added_and_then_removed_entry_shows_in_OPA_through_patches()
    {
        await using var running = new RunningMirror(_opa);
        running.Start();
        await Poll.UntilAsync(async () => await _opa.DocumentAsync() is not null, "the initial (empty) resync");

        Assert.True(running.Mirror.Apply(Revocations.Session("carol@example.com", "sid-7")));
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "sessions").SetEquals(["sid-7"]), "sid-7 is revoked in OPA");

        Assert.True(running.Mirror.Remove(new OpaEntryKey(OpaEntryKind.Session, "sid-7")));
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "sessions").Count == 0, "sid-7 is no longer revoked in OPA");

        var writes = (await _opa.RequestsAsync()).Where(request => request.Method != "GET").ToList();
        Assert.Equal(["PUT", "PATCH", "PATCH"], writes.Select(request => request.Method));
        Assert.All(writes.Skip(1), patch => Assert.Equal("application/json-patch+json", patch.ContentType));
    }

    [Fact]
    public async Task Keys_with_slash_tilde_and_percent_are_added_and_removed_by_patch_without_a_resync()
    {
        await using var running = new RunningMirror(_opa);
        running.Start();
        await Poll.UntilAsync(async () => await _opa.DocumentAsync() is not null, "the initial (empty) resync");
        string[] subjects = ["spiffe://example.org/ns/prod/sa/api", "o~brien/admin@example.com", "~1literal~0", "50%2Fsplit%"];
        foreach (var subject in subjects)
        {
            running.Mirror.Apply(Revocations.Subject(subject));
        }

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(subjects), "every key arrives as it was");
        foreach (var subject in subjects)
        {
            running.Mirror.Remove(new OpaEntryKey(OpaEntryKind.Subject, subject));
        }

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 0, "every key is removed");

        // A wrongly escaped remove would miss its member, get 404 and fall back to a PUT: there must be none.
        Assert.Single(await _opa.RequestsAsync(), request => request.Method == "PUT");
    }

    [Fact]
    public async Task A_burst_of_changes_goes_in_one_patch()
    {
        // Wide enough that a loaded test machine surely makes the 200 calls below within it.
        await using var running = new RunningMirror(_opa, options => options.CoalesceWindow = TimeSpan.FromSeconds(1));

        // Changes made while a request is in flight go out as soon as it returns, so the burst starts only once the
        // client has the initial resync's answer, not merely once OPA holds the document.
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        running.Mirror.Confirmed += (_, confirmed) =>
        {
            if (confirmed.FullResync)
            {
                resynced.TrySetResult();
            }
        };
        running.Mirror.ReplaceAll([Revocations.Subject("seed@example.com")]);
        running.Start();
        await resynced.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Confirmed is raised on the loop before it finishes the resync's step, and changes that arrive before the
        // loop is idle again go out at once (they count as arriving during the request); the coalescing window
        // starts only from an idle loop, so the burst waits until the loop has had ample time to get there.
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        for (var i = 0; i < 200; i++)
        {
            running.Mirror.Apply(Revocations.Subject($"user{i}@example.com"));
        }

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 201, "all 200 revocations are in OPA");
        var patch = Assert.Single(await _opa.RequestsAsync(), request => request.Method == "PATCH");
        Assert.Equal(200, patch.Operations);
    }

    [Fact]
    public async Task A_burst_larger_than_one_patch_is_split_at_the_configured_size()
    {
        await using var running = new RunningMirror(_opa, options =>
        {
            options.CoalesceWindow = TimeSpan.FromMilliseconds(50);
            options.MaxOperationsPerPatch = 80;
        });
        running.Start();
        await Poll.UntilAsync(async () => await _opa.DocumentAsync() is not null, "the initial (empty) resync");

        for (var i = 0; i < 200; i++)
        {
            running.Mirror.Apply(Revocations.Subject($"user{i}@example.com"));
        }

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 200, "all 200 revocations are in OPA");
        // 200 operations at most 80 a request: three requests or more (80 + 80 + 40 when the burst is one round).
        var patches = (await _opa.RequestsAsync()).Where(request => request.Method == "PATCH").Select(request => request.Operations!.Value).ToList();
        Assert.All(patches, operations => Assert.InRange(operations, 1, 80));
        Assert.Equal(200, patches.Sum());
        Assert.True(patches.Count >= 3, $"{patches.Count} patches");
    }

    [Fact]
    public async Task After_OPA_restarts_with_no_data_the_next_patch_gets_404_and_the_mirror_resyncs()
    {
        await using var running = new RunningMirror(_opa);
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com"), Revocations.Session("bob@example.com", "sid-1")]);
        running.Start();
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 1, "the first resync");

        await _opa.StopAsync();
        await _opa.StartAsync();
        Assert.Null(await _opa.DocumentAsync());
        running.Mirror.Apply(Revocations.Subject("dan@example.com"));

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(["ann@example.com", "dan@example.com"])
            && Keys(await _opa.DocumentAsync(), "sessions").SetEquals(["sid-1"]), "OPA holds the old entries and the new one again");
        var writes = (await _opa.RequestsAsync()).Where(request => request.Method != "GET").Select(request => request.Method);
        Assert.Equal(["PATCH", "PUT"], writes);
    }

    [Fact]
    public async Task After_OPA_restarts_with_no_data_the_periodic_check_finds_it_and_the_mirror_resyncs()
    {
        await using var running = new RunningMirror(_opa, options => options.ConsistencyCheckInterval = TimeSpan.FromMilliseconds(200));
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com")]);
        running.Start();
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 1, "the first resync");

        await _opa.StopAsync();
        await _opa.StartAsync();

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(["ann@example.com"]), "OPA holds ann again");
        var mirrorRequests = (await _opa.RequestsAsync()).Where(request => request.Method != "GET" || request.Path.EndsWith("/revoked", StringComparison.Ordinal)).ToList();
        Assert.Contains(mirrorRequests, request => request.Method == "PUT");
        Assert.DoesNotContain(mirrorRequests, request => request.Method == "PATCH");
    }

    [Fact]
    public async Task An_entry_someone_else_wrote_is_found_by_the_periodic_check_and_undone()
    {
        await using var running = new RunningMirror(_opa, options => options.ConsistencyCheckInterval = TimeSpan.FromMilliseconds(200));
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com")]);
        running.Start();
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 1, "the first resync");

        await _opa.PutAsync("""{"revoked_at": 1, "expires_at": 2, "jti": "forged", "reason": "?"}""", "riskengine/revoked/subjects/mallory");

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(["ann@example.com"]), "mallory's entry is gone again");
    }

    [Fact]
    public async Task OPA_down_at_start_gets_everything_once_up_including_changes_made_while_it_was_down()
    {
        await _opa.StopAsync();
        await using var running = new RunningMirror(_opa);
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com"), Revocations.Subject("bob@example.com")]);
        running.Start();
        await Task.Delay(400);
        running.Mirror.Apply(Revocations.Session("carol@example.com", "sid-9"));
        running.Mirror.Remove(new OpaEntryKey(OpaEntryKind.Subject, "ann@example.com"));
        await Task.Delay(200);

        await _opa.StartAsync();

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(["bob@example.com"])
            && Keys(await _opa.DocumentAsync(), "sessions").SetEquals(["sid-9"]), "OPA holds bob and sid-9, not ann");
    }

    [Fact]
    public async Task Unconfirmed_counts_what_OPA_has_not_acknowledged_while_it_is_down_and_falls_to_zero_once_it_holds_it()
    {
        await _opa.StopAsync();
        await using var running = new RunningMirror(_opa);
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com"), Revocations.Subject("bob@example.com")]);
        running.Start();
        await Task.Delay(300);
        running.Mirror.Apply(Revocations.Session("carol@example.com", "sid-9"));
        await Task.Delay(300);

        // All three, whether a resync is due between attempts or on its way (carol sent with it or changed since).
        Assert.Equal(3, running.Mirror.Unconfirmed);

        await _opa.StartAsync();
        await Poll.UntilAsync(() => Task.FromResult(running.Mirror.Unconfirmed == 0), "the mirror to count nothing unconfirmed");
        Assert.Equal(3, Keys(await _opa.DocumentAsync(), "subjects").Count + Keys(await _opa.DocumentAsync(), "sessions").Count);
    }

    [Fact]
    public async Task An_expired_entry_is_removed_and_the_others_stay()
    {
        await using var running = new RunningMirror(_opa);
        running.Start();
        await Poll.UntilAsync(async () => await _opa.DocumentAsync() is not null, "the initial (empty) resync");
        // Long enough that a loaded test machine surely sees it in OPA before it expires.
        running.Mirror.Apply(Revocations.Subject("brief@example.com", TimeSpan.FromSeconds(3)));
        running.Mirror.Apply(Revocations.Subject("long@example.com"));
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 2, "both are revoked in OPA");

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(["long@example.com"]), "the brief one expired");
        Assert.Equal(1, running.Mirror.Count);
        // Removed by a PATCH, not by a resync: the only PUT is the first.
        Assert.Single(await _opa.RequestsAsync(), request => request.Method == "PUT");
    }

    [Fact]
    public async Task A_revocation_that_is_already_expired_or_ends_sooner_changes_nothing()
    {
        await using var running = new RunningMirror(_opa);
        var now = DateTimeOffset.UtcNow;
        Assert.False(running.Mirror.Apply(new OpaRevocation("ann@example.com", null, now.AddHours(-2), now.AddSeconds(-1), "old", "expired")));

        Assert.True(running.Mirror.Apply(new OpaRevocation("ann@example.com", null, now, now.AddHours(1), "first", "r")));
        Assert.False(running.Mirror.Apply(new OpaRevocation("ann@example.com", null, now.AddMinutes(1), now.AddMinutes(30), "shorter", "r")));
        Assert.True(running.Mirror.Apply(new OpaRevocation("ann@example.com", null, now.AddMinutes(2), now.AddHours(2), "longer", "r")));
        running.Start();

        await Poll.UntilAsync(async () => (await _opa.DocumentAsync()) is { } document
            && document.GetProperty("subjects").GetProperty("ann@example.com").GetProperty("jti").GetString() == "longer", "OPA holds the longest revocation");
    }

    [Fact]
    public async Task A_revocation_without_subject_or_session_is_refused_with_a_clear_error()
    {
        await using var running = new RunningMirror(_opa);
        var now = DateTimeOffset.UtcNow;
        var error = Assert.Throws<ArgumentException>(() => running.Mirror.Apply(new OpaRevocation("", null, now, now.AddHours(1), "jti-x", "r")));
        Assert.Contains("jti-x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmations_report_each_jti_once_OPA_holds_it()
    {
        await using var running = new RunningMirror(_opa);
        var confirmations = new System.Collections.Concurrent.ConcurrentQueue<(OpaConfirmation Entry, DateTimeOffset At, bool FullResync)>();
        running.Mirror.Confirmed += (_, e) =>
        {
            foreach (var entry in e.Entries)
            {
                confirmations.Enqueue((entry, e.ConfirmedAt, e.FullResync));
            }
        };
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com")]);
        running.Start();
        await Poll.UntilAsync(() => Task.FromResult(!confirmations.IsEmpty), "the resync is confirmed");
        var applied = DateTimeOffset.UtcNow;
        running.Mirror.Apply(Revocations.Session("bob@example.com", "sid-3"));

        await Poll.UntilAsync(() => Task.FromResult(confirmations.Count == 2), "the patch is confirmed");
        var list = confirmations.ToList();
        Assert.Equal((new OpaConfirmation("jti-ann@example.com", new OpaEntryKey(OpaEntryKind.Subject, "ann@example.com")), true), (list[0].Entry, list[0].FullResync));
        Assert.Equal((new OpaConfirmation("jti-sid-3", new OpaEntryKey(OpaEntryKind.Session, "sid-3")), false), (list[1].Entry, list[1].FullResync));
        Assert.InRange(list[1].At, applied, DateTimeOffset.UtcNow);
        Assert.True(Keys(await _opa.DocumentAsync(), "sessions").Contains("sid-3"), "confirmed means OPA already holds it");
    }

    [Fact]
    public async Task A_confirmation_handler_that_throws_does_not_stop_the_mirror()
    {
        await using var running = new RunningMirror(_opa);
        running.Mirror.Confirmed += (_, _) => throw new InvalidOperationException("observer bug");
        running.Mirror.ReplaceAll([Revocations.Subject("ann@example.com")]);
        running.Start();
        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").Count == 1, "the first resync");

        running.Mirror.Apply(Revocations.Subject("bob@example.com"));

        await Poll.UntilAsync(async () => Keys(await _opa.DocumentAsync(), "subjects").SetEquals(["ann@example.com", "bob@example.com"]), "bob arrives after the handler threw");
    }

    private static HashSet<string> Keys(JsonElement? document, string member) =>
        document is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(member, out var entries)
            ? [.. entries.EnumerateObject().Select(entry => entry.Name)]
            : [];
}
