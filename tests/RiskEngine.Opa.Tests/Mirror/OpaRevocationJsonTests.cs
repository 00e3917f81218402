using System.Text.Json;
using RiskEngine.Opa.Mirror;

namespace RiskEngine.Opa.Tests.Mirror;

public sealed class OpaRevocationJsonTests
{
    private static readonly DateTimeOffset Revoked = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_900);
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeMilliseconds(1_700_003_600_200);

    [Fact]
    public void The_document_has_subjects_and_sessions_with_times_in_whole_seconds()
    {
        var json = OpaRevocationJson.Document([
            new OpaRevocation("ann@example.com", null, Revoked, Expires, "j1", "impossible travel"),
            new OpaRevocation("bob@example.com", "sid-1", Revoked, Expires, "j2", "token replay"),
        ]);

        using var document = JsonDocument.Parse(json);
        var ann = document.RootElement.GetProperty("subjects").GetProperty("ann@example.com");
        // revoked_at 1,700,000,000.9 s rounds down to 1,700,000,000; expires_at 1,700,003,600.2 s rounds up to 1,700,003,601.
        Assert.Equal(1_700_000_000, ann.GetProperty("revoked_at").GetInt64());
        Assert.Equal(1_700_003_601, ann.GetProperty("expires_at").GetInt64());
        Assert.Equal("j1", ann.GetProperty("jti").GetString());
        Assert.Equal("impossible travel", ann.GetProperty("reason").GetString());
        Assert.False(ann.TryGetProperty("subject", out _));
        var session = document.RootElement.GetProperty("sessions").GetProperty("sid-1");
        Assert.Equal("bob@example.com", session.GetProperty("subject").GetString());
    }

    [Fact]
    public void An_empty_set_still_has_both_members_so_patches_find_their_parents()
    {
        Assert.Equal("""{"subjects":{},"sessions":{}}""", System.Text.Encoding.UTF8.GetString(OpaRevocationJson.Document([])));
    }

    [Fact]
    public void A_patch_adds_and_removes_members_by_escaped_path()
    {
        var json = OpaRevocationJson.Patch([
            new PendingOperation(new OpaEntryKey(OpaEntryKind.Subject, "spiffe://x/y"), new OpaRevocation("spiffe://x/y", null, Revoked, Expires, "j3", "r")),
            new PendingOperation(new OpaEntryKey(OpaEntryKind.Session, "s~1"), null),
        ]);

        using var document = JsonDocument.Parse(json);
        var operations = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(("add", "/subjects/spiffe:~1~1x~1y", "j3"),
            (operations[0].GetProperty("op").GetString(), operations[0].GetProperty("path").GetString(), operations[0].GetProperty("value").GetProperty("jti").GetString()));
        Assert.Equal(("remove", "/sessions/s~01"), (operations[1].GetProperty("op").GetString(), operations[1].GetProperty("path").GetString()));
        Assert.False(operations[1].TryGetProperty("value", out _));
    }
}
