using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Pipeline.Tests.Scoring;

/// <summary>The scoring stage over Trust settings read from a real JSON file that the test edits while the stage runs.</summary>
public sealed class ScoringStageTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(20);
    private static readonly Lazy<string> SigningKeyPem = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    // The fifth failure of a burst weighs 30 x 1.2 = 36: 100 - 36 = 64, below internal's risk-level-change
    // threshold 80 (LOW is published) but not its step-up threshold 60.
    private const string Weighted = """{ "Trust": { "Weights": { "failed-sign-in-burst": 1.2 } } }""";

    // 30 x 2.5 = 75 at the fifth failure of a burst: 100 - 75 = 25, below the revoke threshold 40.
    private const string Flood = """{ "Trust": { "Weights": { "failed-sign-in-burst": 2.5 } } }""";

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-pipeline-test-").FullName;
    private readonly SigningKeyProvider _keys = new(Options.Create(new SigningOptions()), NullLogger<SigningKeyProvider>.Instance, _ => SigningKeyPem.Value);
    private readonly RecordingSink _sink = new();
    private ServiceProvider? _services;
    private int _next;

    private string SettingsFile => Path.Combine(_directory, "riskengine.json");

    private IOptionsMonitor<TrustOptions> Trust => _services!.GetRequiredService<IOptionsMonitor<TrustOptions>>();

    /// <summary>Counts validations, so a test can wait for a reload that fails and so never reaches a change listener.</summary>
    private ValidationCounter Validations { get; } = new();

    public void Dispose()
    {
        _services?.Dispose();
        _keys.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A stage over the "Trust" section of a settings file, bound and validated as the hosts do, and watched.</summary>
    private ScoringStage Start(string settings, CaepOptions? caep = null, BlastRadiusGuard? guard = null)
    {
        File.WriteAllText(SettingsFile, settings);
        var configuration = new ConfigurationBuilder().AddJsonFile(SettingsFile, optional: false, reloadOnChange: true).Build();
        _services = new ServiceCollection()
            .AddSingleton<IValidateOptions<TrustOptions>, TrustOptionsValidator>()
            .AddSingleton<IValidateOptions<TrustOptions>>(Validations)
            .AddOptions<TrustOptions>().Bind(configuration.GetSection(TrustOptions.SectionName)).Services
            .BuildServiceProvider();
        caep ??= new CaepOptions();
        return new ScoringStage(Trust, new ScoringContext(), new SecurityEventTokenIssuer(Options.Create(caep), _keys, TimeProvider.System), caep, guard);
    }

    private ScoredEvent Fail(ScoringStage stage) => SignIn(stage, "user-1", succeeded: false, T0);

    private ScoredEvent SignIn(ScoringStage stage, string identity, bool succeeded, DateTimeOffset at)
    {
        stage.Score(0, new IdentityEvent
        {
            EventId = $"{(succeeded ? "sign-in" : "failure")}-{++_next}",
            Timestamp = at,
            IdentityId = identity,
            UserPrincipalName = identity == "user-1" ? "alice@contoso.example" : $"{identity}@contoso.example",
            SessionId = $"sess-{identity}",
            Succeeded = succeeded,
            ErrorCode = succeeded ? 0 : 50126,
        }, _sink);
        return _sink.Scored[^1];
    }

    /// <summary>Five failures in a row, which under <see cref="Flood"/> take the identity to 25.</summary>
    private ScoredEvent TakeOver(ScoringStage stage, int identity, DateTimeOffset at)
    {
        for (var i = 0; i < 4; i++)
        {
            SignIn(stage, $"user-{identity}", succeeded: false, at);
        }

        return SignIn(stage, $"user-{identity}", succeeded: false, at);
    }

    [Fact]
    public void A_flood_of_takeovers_trips_the_blast_radius_guard_once_and_later_revocations_go_out_as_step_ups_until_an_analyst_confirms()
    {
        var guard = new BlastRadiusGuard(new BlastRadiusOptions());
        using var stage = Start(Flood, guard: guard);
        for (var identity = 0; identity < 300; identity++)
        {
            SignIn(stage, $"user-{identity}", succeeded: true, T0);
        }

        // 300 active identities: 5% is 15, under MinActions 20, so the 20th revocation trips the guard (20 > 15).
        var decisions = Enumerable.Range(0, 30).Select(identity => TakeOver(stage, identity, T0.AddMinutes(1)).Decision).ToList();

        Assert.All(decisions[..19], decision => Assert.True(decision.Actions.HasFlag(TrustAction.RevokeSession)));
        Assert.All(decisions[19..], decision => Assert.Equal(TrustAction.StepUp | TrustAction.RiskLevelChange, decision.Actions));
        var trip = Assert.Single(_sink.Trips);
        Assert.Equal((20, "user-19", T0.AddMinutes(1)), (trip.Revocations, trip.TriggeringIdentityId, trip.At));
        Assert.InRange(trip.ActiveIdentities, 297, 303);
        var revocations = _sink.SecurityEvents.Where(securityEvent => securityEvent.Action == TrustAction.RevokeSession).ToList();
        var stepUps = _sink.SecurityEvents.Where(securityEvent => securityEvent.Action == TrustAction.StepUp).ToList();
        Assert.Equal(19, revocations.Count);
        Assert.Equal(Enumerable.Range(19, 11).Select(identity => $"user-{identity}"), stepUps.Select(stepUp => stepUp.Trigger.IdentityId));
        Assert.All(stepUps, stepUp => Assert.StartsWith(
            "Trust score 25 (was 100) fell below the revoke threshold 40 for internal resources, but the blast-radius guard holds revocations until an analyst confirms (20 revocations among about ",
            stepUp.Reason,
            StringComparison.Ordinal));
        Assert.All(stepUps, stepUp => Assert.Contains("re-authenticate at AAL2 instead", stepUp.Reason, StringComparison.Ordinal));

        Assert.Same(trip, guard.Confirm());

        // A held identity's next failure revokes, and so does a new takeover: 2 revocations, far under MinActions.
        Assert.True(SignIn(stage, "user-19", succeeded: false, T0.AddMinutes(2)).Decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.True(TakeOver(stage, 30, T0.AddMinutes(2)).Decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.Single(_sink.Trips);
    }

    [Fact]
    public void Below_the_minimum_of_active_identities_a_flood_of_takeovers_is_revoked_in_full()
    {
        using var stage = Start(Flood);

        // 150 identities, every one taken over: a share of 100%, but 150 < MinActiveIdentities 200.
        var decisions = Enumerable.Range(0, 150).Select(identity => TakeOver(stage, identity, T0).Decision).ToList();

        Assert.All(decisions, decision => Assert.True(decision.Actions.HasFlag(TrustAction.RevokeSession)));
        Assert.Empty(_sink.Trips);
    }

    [Fact]
    public void A_revocation_goes_out_before_the_risk_level_change_of_the_same_event_and_both_share_its_txn()
    {
        using var stage = Start(Flood);

        for (var i = 0; i < 5; i++)
        {
            Fail(stage);
        }

        Assert.Equal(25, _sink.Scored[^1].Assessment.Score, 9);
        Assert.Equal(
            [CaepEventTypes.SessionRevoked, CaepEventTypes.RiskLevelChange],
            _sink.SecurityEvents.Select(securityEvent => securityEvent.Token.EventType));
        Assert.Equal([TrustAction.RevokeSession, TrustAction.RiskLevelChange], _sink.SecurityEvents.Select(securityEvent => securityEvent.Action));
        Assert.All(_sink.SecurityEvents, securityEvent => Assert.Equal("failure-5", Claims(securityEvent.Token).GetProperty("txn").GetString()));
        Assert.Equal(2, _sink.SecurityEvents.Select(securityEvent => securityEvent.Token.Jti).Distinct().Count());
        Assert.All(_sink.SecurityEvents, securityEvent => Assert.StartsWith("Trust score 25 (was 100) fell below the revoke threshold 40", securityEvent.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void With_a_risk_claim_named_each_risk_level_change_is_followed_by_a_token_claims_change_of_that_claim()
    {
        using var stage = Start(Weighted, new CaepOptions { RiskClaimName = "risk_level" });

        for (var i = 0; i < 5; i++)
        {
            Fail(stage);
        }

        // 64: below internal's risk-level-change threshold 80, so LOW is published (see Weighted).
        Assert.Equal(64, _sink.Scored[^1].Assessment.Score, 9);
        Assert.Equal(
            [CaepEventTypes.RiskLevelChange, CaepEventTypes.TokenClaimsChange],
            _sink.SecurityEvents.Select(securityEvent => securityEvent.Token.EventType));
        var riskChange = Claims(_sink.SecurityEvents[0].Token);
        var claimsChange = Claims(_sink.SecurityEvents[1].Token);
        Assert.Equal("LOW", riskChange.GetProperty("events").GetProperty(CaepEventTypes.RiskLevelChange).GetProperty("current_level").GetString());
        Assert.Equal(
            """{"risk_level":"LOW"}""",
            claimsChange.GetProperty("events").GetProperty(CaepEventTypes.TokenClaimsChange).GetProperty("claims").GetRawText());
        Assert.Equal(riskChange.GetProperty("sub_id").GetRawText(), claimsChange.GetProperty("sub_id").GetRawText());
        Assert.False(claimsChange.GetProperty("sub_id").TryGetProperty("session", out _));
        Assert.Equal("failure-5", claimsChange.GetProperty("txn").GetString());
        Assert.NotEqual(_sink.SecurityEvents[0].Token.Jti, _sink.SecurityEvents[1].Token.Jti);
        Assert.Equal(TrustAction.RiskLevelChange, _sink.SecurityEvents[1].Action);
        Assert.Equal(_sink.SecurityEvents[0].Reason, _sink.SecurityEvents[1].Reason);
    }

    [Fact]
    public async Task A_threshold_changed_in_the_settings_file_applies_from_the_next_event_without_a_restart_and_its_version_is_recorded()
    {
        using var stage = Start("""{ "Trust": { "ThresholdVersion": 3, "Weights": { "failed-sign-in-burst": 1.2 } } }""");
        for (var i = 0; i < 5; i++)
        {
            Fail(stage);
        }

        Assert.Equal(64, _sink.Scored[^1].Assessment.Score, 9);
        Assert.Equal(TrustAction.RiskLevelChange, Assert.Single(_sink.SecurityEvents).Action);
        Assert.Equal(3, _sink.SecurityEvents[0].ThresholdVersion);
        Assert.Equal(TrustAction.None, Fail(stage).Decision.Actions);    // the sixth failure fires nothing and wins nothing back

        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = Trust.OnChange(_ => reloaded.TrySetResult());
        await File.WriteAllTextAsync(
            SettingsFile,
            """{ "Trust": { "ThresholdVersion": 4, "Weights": { "failed-sign-in-burst": 1.2 }, "Policy": { "Thresholds": { "Internal": { "StepUp": 65 } } } } }""");
        await reloaded.Task.WaitAsync(ReloadTimeout);

        var seventh = Fail(stage);                                        // 64 < 65 now

        Assert.Equal(TrustAction.StepUp, seventh.Decision.Actions);
        Assert.Equal(4, seventh.ThresholdVersion);
        var stepUp = _sink.SecurityEvents[^1];
        Assert.Equal(4, stepUp.ThresholdVersion);
        Assert.Equal(CaepEventTypes.AssuranceLevelChange, stepUp.Token.EventType);
        Assert.Contains("fell below the step-up threshold 65 for internal resources: re-authenticate at AAL2", stepUp.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_file_changed_to_invalid_thresholds_is_refused_and_scoring_goes_on_with_the_previous_ones()
    {
        using var stage = Start(Weighted);
        for (var i = 0; i < 5; i++)
        {
            Fail(stage);                                                   // 64
        }

        var validationsBefore = Validations.Count;
        await File.WriteAllTextAsync(
            SettingsFile,
            """{ "Trust": { "Weights": { "failed-sign-in-burst": 1.2 }, "Policy": { "Thresholds": { "Internal": { "StepUp": 90 } } } } }""");
        await Validations.WaitForMoreThanAsync(validationsBefore, ReloadTimeout);
        Assert.Throws<OptionsValidationException>(() => Trust.CurrentValue);

        Assert.Equal(TrustAction.None, Fail(stage).Decision.Actions);      // 64 is not below the step-up threshold 60 still in force
    }

    private static JsonElement Claims(IssuedSecurityEventToken token)
    {
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Token.Split('.')[1]));
        return claims.RootElement.Clone();
    }

    private sealed class ValidationCounter : IValidateOptions<TrustOptions>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ValidateOptionsResult Validate(string? name, TrustOptions options)
        {
            Interlocked.Increment(ref _count);
            return ValidateOptionsResult.Skip;
        }

        public async Task WaitForMoreThanAsync(int count, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            while (Count <= count)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }
}
