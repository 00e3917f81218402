using System.Diagnostics;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests;

/// <summary>The SETs on the SET topic verify, with libraries that share no code with ours, against the JWKS the engine serves.</summary>
[Collection(SharedEngine.Name)]
public sealed class SecurityEventTokenTests(EngineFixture engine)
{
    private const string SessionRevoked = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    [Fact]
    public async Task The_revocation_verifies_against_the_published_JWKS_and_carries_every_required_claim()
    {
        var (token, trigger, victim) = await RevokeOneTakeoverAsync(seed: 202);
        using var http = new HttpClient();
        var jwks = await http.GetStringAsync(engine.JwksUri);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidIssuer = EngineFixture.Issuer,
            ValidAudience = EngineFixture.Audience,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = ["secevent+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.ToString());

        var header = SecurityEventTokens.Header(token);
        Assert.Equal("secevent+jwt", header.GetProperty("typ").GetString());
        Assert.Contains(header.GetProperty("kid").GetString()!, jwks, StringComparison.Ordinal);

        var claims = SecurityEventTokens.Claims(token);
        Assert.Equal(EngineFixture.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(EngineFixture.Audience, claims.GetProperty("aud").GetString());
        Assert.True(claims.GetProperty("iat").GetInt64() > 1_700_000_000);
        Assert.True(Guid.TryParse(claims.GetProperty("jti").GetString(), out _));
        Assert.Equal(trigger.EventId, claims.GetProperty("txn").GetString());
        Assert.False(claims.TryGetProperty("sub", out _));
        Assert.False(claims.TryGetProperty("exp", out _));

        var subject = claims.GetProperty("sub_id");
        Assert.Equal("complex", subject.GetProperty("format").GetString());
        Assert.Equal("email", subject.GetProperty("user").GetProperty("format").GetString());
        Assert.Equal(victim.UserPrincipalName, subject.GetProperty("user").GetProperty("email").GetString());
        var triggerSession = JsonDocument.Parse(trigger.Payload).RootElement.GetProperty("sessionId").GetString();
        Assert.Equal("opaque", subject.GetProperty("session").GetProperty("format").GetString());
        Assert.Equal(triggerSession, subject.GetProperty("session").GetProperty("id").GetString());

        var @event = Assert.Single(claims.GetProperty("events").EnumerateObject());
        Assert.Equal(SessionRevoked, @event.Name);
        Assert.Equal(trigger.Time.ToUnixTimeSeconds(), @event.Value.GetProperty("event_timestamp").GetInt64());
        Assert.Equal("policy", @event.Value.GetProperty("initiating_entity").GetString());
        var reason = @event.Value.GetProperty("reason_admin").GetProperty("en").GetString();
        Assert.Contains("impossible travel", reason, StringComparison.Ordinal);
        Assert.Contains("new device", reason, StringComparison.Ordinal);
        Assert.Contains("failed sign-in burst", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_revocation_verifies_with_PyJWT_against_the_JWKS_served_over_HTTP()
    {
        var (token, trigger, _) = await RevokeOneTakeoverAsync(seed: 203);
        using var http = new HttpClient();
        var jwksFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(jwksFile, await http.GetStringAsync(engine.JwksUri));
        const string verify = """
            import json, sys, jwt
            jwks, token, audience, issuer = json.load(open(sys.argv[1])), sys.stdin.read().strip(), sys.argv[2], sys.argv[3]
            header = jwt.get_unverified_header(token)
            key = next(k for k in jwt.PyJWKSet.from_dict(jwks).keys if k.key_id == header["kid"])
            claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=audience, issuer=issuer,
                                options={"require": ["iss", "iat", "jti", "aud"]})
            print(json.dumps({"typ": header["typ"], "txn": claims["txn"]}))
            """;
        var python = new ProcessStartInfo("/usr/bin/python3", ["-c", verify, jwksFile, EngineFixture.Audience, EngineFixture.Issuer])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(python)!;
        await process.StandardInput.WriteAsync(token);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(jwksFile);

        Assert.True(process.ExitCode == 0, $"PyJWT refused the SET (needs Debian's python3-jwt, which .ci/setup installs): {errors}");
        var verified = JsonDocument.Parse(output).RootElement;
        Assert.Equal("secevent+jwt", verified.GetProperty("typ").GetString());
        Assert.Equal(trigger.EventId, verified.GetProperty("txn").GetString());
    }

    private async Task<(string Token, SimulatedSignIn Trigger, SimulatedIdentity Victim)> RevokeOneTakeoverAsync(int seed)
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 20, Takeovers = 1, Seed = seed });
        var signIns = simulator.Generate().ToList();
        var victim = simulator.Identities.Single(identity => identity.IsTakeoverVictim);
        engine.Publish(signIns);
        await engine.Recorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        var revocation = Assert.Single(
            TopicReader.ReadUntil(
                engine.BootstrapServers,
                engine.Topics.Revocations,
                read => read.Any(message => IsVictimRevocation(message, victim)),
                TimeSpan.FromSeconds(30)),
            message => IsVictimRevocation(message, victim));
        var token = SecurityEventTokens.TokenOf(revocation);
        var trigger = signIns.Single(signIn => signIn.EventId == SecurityEventTokens.Claims(token).GetProperty("txn").GetString());
        return (token, trigger, victim);
    }

    private static bool IsVictimRevocation(Confluent.Kafka.ConsumeResult<byte[]?, byte[]> message, SimulatedIdentity victim) =>
        SecurityEventTokens.IsSessionRevoked(message) && SecurityEventTokens.KeyOf(message) == victim.IdentityId;
}
