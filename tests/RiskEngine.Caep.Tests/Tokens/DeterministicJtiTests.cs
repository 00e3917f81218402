using RiskEngine.Caep.Tokens;

namespace RiskEngine.Caep.Tests.Tokens;

public class DeterministicJtiTests
{
    // Expected values computed once, independently, with CPython:
    //   python3 -c 'import uuid; ns = uuid.UUID("993ce973-14cb-4718-a4e4-6e539e391cac");
    //               print(uuid.uuid5(ns, "\n".join((identity, event, action))))'
    [Theory]
    [InlineData("00000000-0000-0000-0000-0000000000a1", "evt-1", "session-revoked", "b9b0830c-1499-55c9-adec-52c00197ac51")]
    [InlineData("ünïcødé@example.com", "evt-2", "session-revoked", "a86ff271-03de-5b5d-aac4-f3145d04ce5b")]
    public void Create_matches_an_independent_uuid5_implementation(string identityId, string eventId, string action, string expected)
    {
        Assert.Equal(expected, DeterministicJti.Create(identityId, eventId, action));
    }

    [Fact]
    public void ForStream_is_the_uuid5_of_original_jti_stream_and_readdressed()
    {
        // CPython as above, with ("b9b0830c-1499-55c9-adec-52c00197ac51", "stream-1", "readdressed").
        Assert.Equal("c736c87a-8942-5be4-87ad-bc58926649e8", DeterministicJti.ForStream("b9b0830c-1499-55c9-adec-52c00197ac51", "stream-1"));
    }

    [Fact]
    public void Create_handles_names_longer_than_the_stack_buffer()
    {
        // Same CPython derivation as above, with identity "user-" + 600 × 'x'.
        Assert.Equal("6385f4c3-c66b-5ce8-bd1f-b90d80084f38", DeterministicJti.Create("user-" + new string('x', 600), "evt-3", "session-revoked"));
    }

    [Fact]
    public void Create_is_a_lowercase_version_5_rfc_9562_uuid()
    {
        string jti = DeterministicJti.Create("identity", "event", "action");

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", jti);
    }

    [Fact]
    public void Create_is_stable_and_differs_per_identity_event_and_action()
    {
        string baseline = DeterministicJti.Create("identity", "event", "session-revoked");

        Assert.Equal(baseline, DeterministicJti.Create("identity", "event", "session-revoked"));
        string[] variants =
        [
            baseline,
            DeterministicJti.Create("identity-2", "event", "session-revoked"),
            DeterministicJti.Create("identity", "event-2", "session-revoked"),
            DeterministicJti.Create("identity", "event", "risk-level-change"),
        ];
        Assert.Equal(variants.Length, variants.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("", "event", "action")]
    [InlineData("identity", "", "action")]
    [InlineData("identity", "event", "")]
    public void Create_rejects_empty_parts(string identityId, string eventId, string action)
    {
        Assert.Throws<ArgumentException>(() => DeterministicJti.Create(identityId, eventId, action));
    }
}
