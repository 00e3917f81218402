using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Subjects;
using RiskEngine.Caep.Tests.Support;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Policy;
using static RiskEngine.Caep.Tests.Support.TestTokens;
using JsonWebKeySet = RiskEngine.Caep.Signing.JsonWebKeySet;

namespace RiskEngine.Caep.Tests.Tokens;

public sealed class SecurityEventTokenIssuerTests : IDisposable
{
    private readonly SigningKey _key = TestKeys.Primary();
    private readonly SigningKey _otherKey = TestKeys.Other();

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private static readonly SessionRevoked Revoked = new();

    private static RiskLevelChange RiskChange(CaepRiskLevel? previous = CaepRiskLevel.Low) => new()
    {
        Principal = RiskPrincipal.User,
        CurrentLevel = CaepRiskLevel.Medium,
        PreviousLevel = previous,
        RiskReason = "impossible-travel",
    };

    private static AssuranceLevelChange StepUp() => new()
    {
        Namespace = AssuranceLevelChange.NistAal,
        CurrentLevel = AssuranceLevelChange.NistAalLevel(AuthenticatorAssuranceLevel.Aal3),
        PreviousLevel = AssuranceLevelChange.NistAalLevel(AuthenticatorAssuranceLevel.Aal1),
        ChangeDirection = AssuranceChangeDirection.Increase,
    };

    private SecurityEventTokenIssuer CreateIssuer(params string[] audiences) => TestTokens.CreateIssuer(new TestKeyProvider(_key), audiences);

    [Fact]
    public async Task Token_verifies_against_our_jwks_with_an_independent_jose_implementation()
    {
        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, Cause());

        TokenValidationResult result = await ValidateAsync(issued.Token, JsonWebKeySet.Write([_key]));

        Assert.True(result.IsValid, result.Exception?.ToString());
        var jwt = Assert.IsType<JsonWebToken>(result.SecurityToken);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("secevent+jwt", jwt.Typ);
        Assert.Equal(_key.Kid, jwt.Kid);
    }

    [Fact]
    public void Header_is_exactly_alg_typ_kid()
    {
        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, Cause());

        string header = Base64UrlEncoder.Decode(issued.Token.Split('.')[0]);

        Assert.Equal($$"""{"alg":"RS256","typ":"secevent+jwt","kid":"{{_key.Kid}}"}""", header);
    }

    [Fact]
    public void Claims_carry_every_required_value_and_nothing_else()
    {
        SecurityEventCause revocation = Cause();
        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, revocation);

        JsonElement payload = Payload(issued.Token);

        Assert.Equal(
            ["aud", "events", "iat", "iss", "jti", "sub_id", "txn"],
            payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(DeterministicJti.Create(revocation.IdentityId, revocation.TriggeringEventId, "session-revoked"), payload.GetProperty("jti").GetString());
        Assert.Equal(issued.Jti, payload.GetProperty("jti").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind);
        Assert.Equal(Audience, payload.GetProperty("aud").GetString());
        Assert.Equal(revocation.TriggeringEventId, payload.GetProperty("txn").GetString());

        JsonElement events = payload.GetProperty("events");
        JsonProperty only = Assert.Single(events.EnumerateObject());
        Assert.Equal("https://schemas.openid.net/secevent/caep/event-type/session-revoked", only.Name);
        Assert.Equal(
            ["event_timestamp", "initiating_entity", "reason_admin"],
            only.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(EventTime.ToUnixTimeSeconds(), only.Value.GetProperty("event_timestamp").GetInt64());
        Assert.Equal("policy", only.Value.GetProperty("initiating_entity").GetString());
        Assert.Equal(revocation.ReasonAdmin, only.Value.GetProperty("reason_admin").GetProperty("en").GetString());

        Assert.Equal(revocation.IdentityId, issued.SubjectKey);
        Assert.Equal(CaepEventTypes.SessionRevoked, issued.EventType);
    }

    [Fact]
    public async Task A_risk_level_change_verifies_and_carries_principal_levels_and_reason()
    {
        SecurityEventCause cause = Cause(sessionId: null);
        IssuedSecurityEventToken issued = CreateIssuer().Issue(RiskChange(), cause);

        Assert.True((await ValidateAsync(issued.Token, JsonWebKeySet.Write([_key]))).IsValid);
        JsonElement payload = Payload(issued.Token);
        Assert.Equal(DeterministicJti.Create(cause.IdentityId, cause.TriggeringEventId, "risk-level-change"), issued.Jti);
        Assert.Equal(CaepEventTypes.RiskLevelChange, issued.EventType);
        Assert.Equal(
            """{"format":"complex","user":{"format":"email","email":"alice@contoso.example"}}""",
            payload.GetProperty("sub_id").GetRawText());
        JsonProperty only = Assert.Single(payload.GetProperty("events").EnumerateObject());
        Assert.Equal("https://schemas.openid.net/secevent/caep/event-type/risk-level-change", only.Name);
        Assert.Equal(
            $$$"""{"principal":"USER","current_level":"MEDIUM","previous_level":"LOW","risk_reason":"impossible-travel","event_timestamp":{{{EventTime.ToUnixTimeSeconds()}}},"initiating_entity":"policy","reason_admin":{"en":"{{{cause.ReasonAdmin}}}"}}""",
            only.Value.GetRawText());
    }

    [Fact]
    public void A_risk_level_change_omits_an_unknown_previous_level()
    {
        JsonElement change = Payload(CreateIssuer().Issue(RiskChange(previous: null), Cause()).Token).GetProperty("events").GetProperty(CaepEventTypes.RiskLevelChange);

        Assert.False(change.TryGetProperty("previous_level", out _));
        Assert.Equal("MEDIUM", change.GetProperty("current_level").GetString());
    }

    [Fact]
    public async Task A_step_up_is_an_assurance_level_change_to_a_nist_aal_level()
    {
        SecurityEventCause cause = Cause();
        IssuedSecurityEventToken issued = CreateIssuer().Issue(StepUp(), cause);

        TokenValidationResult result = await ValidateAsync(issued.Token, JsonWebKeySet.Write([_key]));
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal("secevent+jwt", Assert.IsType<JsonWebToken>(result.SecurityToken).Typ);
        Assert.Equal(DeterministicJti.Create(cause.IdentityId, cause.TriggeringEventId, "assurance-level-change"), issued.Jti);
        JsonElement payload = Payload(issued.Token);
        Assert.Equal("sess-42", payload.GetProperty("sub_id").GetProperty("session").GetProperty("id").GetString());
        JsonProperty only = Assert.Single(payload.GetProperty("events").EnumerateObject());
        Assert.Equal("https://schemas.openid.net/secevent/caep/event-type/assurance-level-change", only.Name);
        Assert.Equal(
            $$$"""{"namespace":"NIST-AAL","current_level":"nist-aal3","previous_level":"nist-aal1","change_direction":"increase","event_timestamp":{{{EventTime.ToUnixTimeSeconds()}}},"initiating_entity":"policy","reason_admin":{"en":"{{{cause.ReasonAdmin}}}"}}""",
            only.Value.GetRawText());
    }

    [Fact]
    public void Each_kind_of_SET_one_event_causes_has_its_own_jti_and_the_same_txn()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer();

        IssuedSecurityEventToken[] issued = [issuer.Issue(Revoked, Cause()), issuer.Issue(RiskChange(), Cause()), issuer.Issue(StepUp(), Cause())];

        Assert.Equal(3, issued.Select(token => token.Jti).Distinct().Count());
        Assert.All(issued, token => Assert.Equal("signin-0001", Payload(token.Token).GetProperty("txn").GetString()));
    }

    [Fact]
    public void Incomplete_risk_and_assurance_changes_are_rejected()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer();

        Assert.Throws<ArgumentException>(() => issuer.Issue(StepUp() with { CurrentLevel = " " }, Cause()));
        Assert.Throws<ArgumentException>(() => issuer.Issue(StepUp() with { Namespace = "" }, Cause()));
        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Issue(RiskChange() with { CurrentLevel = (CaepRiskLevel)7 }, Cause()));
        Assert.Throws<ArgumentOutOfRangeException>(() => AssuranceLevelChange.NistAalLevel((AuthenticatorAssuranceLevel)4));
    }

    [Fact]
    public void Sub_id_is_a_complex_subject_with_email_user_and_opaque_session()
    {
        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, Cause(email: "alice+risk@contoso.example", sessionId: "sess-42"));

        Assert.Equal(
            """{"format":"complex","user":{"format":"email","email":"alice+risk@contoso.example"},"session":{"format":"opaque","id":"sess-42"}}""",
            Payload(issued.Token).GetProperty("sub_id").GetRawText());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-email")]
    public void Sub_id_user_falls_back_to_the_opaque_identity_id_and_omits_an_absent_session(string? email)
    {
        SecurityEventCause revocation = Cause(email: email, sessionId: null);
        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, revocation);

        Assert.Equal(
            $$$"""{"format":"complex","user":{"format":"opaque","id":"{{{revocation.IdentityId}}}"}}""",
            Payload(issued.Token).GetProperty("sub_id").GetRawText());
    }

    [Fact]
    public void Explicit_txn_is_used_as_given()
    {
        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, Cause(txn: "incident-7"));

        Assert.Equal("incident-7", Payload(issued.Token).GetProperty("txn").GetString());
    }

    [Fact]
    public async Task Several_audiences_serialize_as_an_array_and_verify()
    {
        string[] audiences = ["https://pep-a.example", "https://pep-b.example"];
        IssuedSecurityEventToken issued = CreateIssuer(audiences).Issue(Revoked, Cause());

        JsonElement aud = Payload(issued.Token).GetProperty("aud");
        Assert.Equal(JsonValueKind.Array, aud.ValueKind);
        Assert.Equal(audiences, aud.EnumerateArray().Select(a => a.GetString()));
        TokenValidationResult result = await ValidateAsync(issued.Token, JsonWebKeySet.Write([_key]), "https://pep-b.example");
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public async Task Tampered_payload_fails_verification()
    {
        string[] parts = CreateIssuer().Issue(Revoked, Cause()).Token.Split('.');
        string tamperedJson = Base64UrlEncoder.Decode(parts[1]).Replace("sess-42", "sess-43", StringComparison.Ordinal);
        string tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(tamperedJson)}.{parts[2]}";

        TokenValidationResult result = await ValidateAsync(tampered, JsonWebKeySet.Write([_key]));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task A_different_key_fails_verification_even_under_the_same_kid()
    {
        string token = CreateIssuer().Issue(Revoked, Cause()).Token;
        string otherJwks = JsonWebKeySet.Write([_otherKey]);

        TokenValidationResult unknownKid = await ValidateAsync(token, otherJwks);
        TokenValidationResult impostor = await ValidateAsync(token, otherJwks.Replace(_otherKey.Kid, _key.Kid, StringComparison.Ordinal));

        Assert.False(unknownKid.IsValid);
        Assert.False(impostor.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(impostor.Exception);
    }

    [Fact]
    public void Same_revocation_issued_twice_gives_the_same_jti_and_other_events_do_not()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer();

        IssuedSecurityEventToken first = issuer.Issue(Revoked, Cause());
        IssuedSecurityEventToken again = issuer.Issue(Revoked, Cause());
        IssuedSecurityEventToken otherEvent = issuer.Issue(Revoked, Cause() with { TriggeringEventId = "signin-0002" });
        IssuedSecurityEventToken otherIdentity = issuer.Issue(Revoked, Cause() with { IdentityId = "another-user" });

        Assert.Equal(first.Jti, again.Jti);
        Assert.NotEqual(first.Jti, otherEvent.Jti);
        Assert.NotEqual(first.Jti, otherIdentity.Jti);
    }

    [Fact]
    public async Task Rotating_the_current_key_changes_the_kid_and_signature()
    {
        var keys = new TestKeyProvider(_key);
        SecurityEventTokenIssuer issuer = TestTokens.CreateIssuer(keys);
        string before = issuer.Issue(Revoked, Cause()).Token;

        keys.Current = _otherKey;
        string after = issuer.Issue(Revoked, Cause()).Token;

        Assert.Equal(_otherKey.Kid, new JsonWebToken(after).Kid);
        Assert.True((await ValidateAsync(after, JsonWebKeySet.Write([_key, _otherKey]))).IsValid);
        Assert.True((await ValidateAsync(before, JsonWebKeySet.Write([_key, _otherKey]))).IsValid);
    }

    [Fact]
    public void Concurrent_issuing_produces_the_same_tokens_as_sequential_issuing()
    {
        // RS256 signatures are deterministic, so any cross-thread buffer sharing would show up as a byte difference.
        SecurityEventTokenIssuer issuer = CreateIssuer();
        SecurityEventCause[] revocations = [.. Enumerable.Range(0, 200).Select(i => Cause() with
        {
            IdentityId = $"user-{i}",
            TriggeringEventId = $"event-{i}",
            ReasonAdmin = "reason " + new string('r', i * 20),
        })];
        string[] sequential = [.. revocations.Select(r => issuer.Issue(Revoked, r).Token)];

        string[] concurrent = new string[revocations.Length];
        Parallel.For(0, revocations.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            concurrent[i] = issuer.Issue(Revoked, revocations[i]).Token);

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void Incomplete_revocations_are_rejected()
    {
        SecurityEventTokenIssuer issuer = CreateIssuer();

        Assert.Throws<ArgumentException>(() => issuer.Issue(Revoked, Cause() with { IdentityId = "" }));
        Assert.Throws<ArgumentException>(() => issuer.Issue(Revoked, Cause() with { TriggeringEventId = "" }));
        Assert.Throws<ArgumentException>(() => issuer.Issue(Revoked, Cause() with { ReasonAdmin = " " }));
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        var options = Options.Create(new CaepOptions { Issuer = Issuer, Audiences = [] });

        var ex = Assert.Throws<OptionsValidationException>(() => new SecurityEventTokenIssuer(options, new TestKeyProvider(_key), TimeProvider.System));

        Assert.Contains("Audiences", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_claims_change_carries_the_new_claim_values()
    {
        var change = new TokenClaimsChange(new Dictionary<string, string> { ["risk"] = "HIGH" });
        SecurityEventCause cause = Cause(sessionId: null);

        IssuedSecurityEventToken issued = CreateIssuer().Issue(change, cause);

        Assert.Equal(DeterministicJti.Create(cause.IdentityId, cause.TriggeringEventId, "token-claims-change"), issued.Jti);
        Assert.Equal(CaepEventTypes.TokenClaimsChange, issued.EventType);
        JsonProperty only = Assert.Single(Payload(issued.Token).GetProperty("events").EnumerateObject());
        Assert.Equal("https://schemas.openid.net/secevent/caep/event-type/token-claims-change", only.Name);
        Assert.Equal(
            $$$"""{"claims":{"risk":"HIGH"},"event_timestamp":{{{EventTime.ToUnixTimeSeconds()}}},"initiating_entity":"policy","reason_admin":{"en":"{{{cause.ReasonAdmin}}}"}}""",
            only.Value.GetRawText());
    }

    [Fact]
    public void A_token_claims_change_without_claims_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => CreateIssuer().Issue(new TokenClaimsChange(new Dictionary<string, string>()), Cause()));
        Assert.Throws<ArgumentException>(() => CreateIssuer().Issue(new TokenClaimsChange(new Dictionary<string, string> { [""] = "HIGH" }), Cause()));
    }

    [Fact]
    public void A_spiffe_workload_is_a_uri_subject_and_with_a_session_the_user_of_a_complex_one()
    {
        const string Spiffe = "spiffe://prod.example/ns/payments/sa/api";
        SecurityEventTokenIssuer issuer = CreateIssuer();

        string alone = Payload(issuer.Issue(Revoked, Cause(email: null, sessionId: null) with { IdentityId = Spiffe }).Token).GetProperty("sub_id").GetRawText();
        string withSession = Payload(issuer.Issue(Revoked, Cause(email: null) with { IdentityId = Spiffe }).Token).GetProperty("sub_id").GetRawText();

        Assert.Equal("""{"format":"uri","uri":"spiffe://prod.example/ns/payments/sa/api"}""", alone);
        Assert.Equal(
            """{"format":"complex","user":{"format":"uri","uri":"spiffe://prod.example/ns/payments/sa/api"},"session":{"format":"opaque","id":"sess-42"}}""",
            withSession);
    }

    [Fact]
    public void An_explicit_subject_replaces_the_default_one()
    {
        SecurityEventCause cause = Cause() with { Subject = new IssSubSubject("https://idp.example", "145234573") };

        IssuedSecurityEventToken issued = CreateIssuer().Issue(Revoked, cause);

        Assert.Equal("""{"format":"iss_sub","iss":"https://idp.example","sub":"145234573"}""", Payload(issued.Token).GetProperty("sub_id").GetRawText());
        Assert.Equal(cause.IdentityId, issued.SubjectKey);
    }

    [Fact]
    public void Dropping_the_session_from_a_cause_drops_it_from_the_default_subject()
    {
        SecurityEventCause cause = Cause();

        Assert.Equal(new ComplexSubject(new EmailSubject("alice@contoso.example"), new OpaqueSubject("sess-42")), cause.Subject);
        Assert.Equal(new ComplexSubject(new EmailSubject("alice@contoso.example")), (cause with { SessionId = null }).Subject);
    }
}
