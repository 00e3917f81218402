using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Trust;

public sealed class TrustOptionsValidatorTests
{
    private readonly TrustOptionsValidator _validator = new();

    private List<string> Failures(TrustOptions options) => [.. _validator.Validate(null, options).Failures ?? []];

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new TrustOptions()).Succeeded);
    }

    [Fact]
    public void Levels_out_of_order_are_refused()
    {
        var options = new TrustOptions { Levels = { LowBelow = 50, MediumBelow = 60, HighBelow = 40 } };

        var failure = Assert.Single(Failures(options));

        Assert.Equal("Trust:Levels must satisfy HighBelow (40) < MediumBelow (60) < LowBelow (50).", failure);
    }

    [Fact]
    public void Thresholds_of_one_sensitivity_must_put_revoke_below_step_up_below_risk_level_change()
    {
        var options = new TrustOptions();
        options.Policy.Thresholds.Public.Revoke = 40;                 // equal to its step-up threshold

        var failure = Assert.Single(Failures(options));

        Assert.Equal("Trust:Policy:Thresholds:Public must satisfy Revoke (40) < StepUp (40) < RiskLevelChange (60).", failure);
    }

    [Fact]
    public void A_more_sensitive_resource_must_not_act_later_than_a_less_sensitive_one()
    {
        var options = new TrustOptions();
        options.Policy.Thresholds.Confidential.StepUp = 55;            // Internal steps up below 60

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("Trust:Policy:Thresholds:Confidential must act no later than Trust:Policy:Thresholds:Internal", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_up_must_ask_for_more_than_a_password_and_no_less_for_a_more_sensitive_resource()
    {
        var options = new TrustOptions();
        options.Policy.Thresholds.Public.StepUpTo = AuthenticatorAssuranceLevel.Aal1;
        options.Policy.Thresholds.Restricted.StepUpTo = AuthenticatorAssuranceLevel.Aal2;
        options.Policy.Thresholds.Confidential.StepUpTo = AuthenticatorAssuranceLevel.Aal3;

        var failures = Failures(options);

        Assert.Equal(2, failures.Count);
        Assert.Equal("Trust:Policy:Thresholds:Public:StepUpTo (Aal1) must be Aal2 or Aal3: a step-up asks for more than a password.", failures[0]);
        Assert.StartsWith("Trust:Policy:Thresholds:Restricted must act no later than Trust:Policy:Thresholds:Confidential", failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_floor_of_the_normal_must_leave_room_to_re_arm_every_step_up()
    {
        // Restricted steps up below 70 and re-arms at 70 + 10: a normal allowed to sink to 75 could never get there.
        var options = new TrustOptions { Baseline = { Floor = 75 } };

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("Trust:Baseline:Floor (75) must be at least the highest StepUp threshold plus Trust:Policy:RearmMargin (80)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_normal_must_recover_slower_than_the_score()
    {
        var options = new TrustOptions { RecoveryHalfLife = TimeSpan.FromHours(6), Baseline = { HalfLife = TimeSpan.FromHours(3) } };

        var failure = Assert.Single(Failures(options));

        Assert.Equal("Trust:Baseline:HalfLife (03:00:00) must be at least Trust:RecoveryHalfLife (06:00:00): the normal moves slower than the score.", failure);
    }

    [Fact]
    public void Weights_must_name_a_signal_and_stay_in_range()
    {
        var options = new TrustOptions { Weights = { ["impossible-travel"] = 2, ["new-devise"] = 1, ["failed-sign-in-burst"] = 11 } };

        var failures = Failures(options);

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Trust:Weights:new-devise names no signal; the signals are ", StringComparison.Ordinal) && f.Contains("new-device", StringComparison.Ordinal));
        Assert.Contains("Trust:Weights:failed-sign-in-burst (11) must be between 0 and 10.", failures);
    }

    [Fact]
    public void Out_of_range_values_are_refused_with_the_setting_named()
    {
        var options = new TrustOptions { RecoveryHalfLife = TimeSpan.FromSeconds(30) };
        options.ImpossibleTravel.Penalty = 150;
        options.NewDevice.KnownValuesPerIdentity = 0;
        options.FailedSignInBurst.Window = TimeSpan.FromSeconds(5);
        options.Policy.RearmMargin = -1;

        var failures = Failures(options);

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Trust: ", StringComparison.Ordinal) && f.Contains("RecoveryHalfLife", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:Policy: ", StringComparison.Ordinal) && f.Contains("RearmMargin", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:ImpossibleTravel: ", StringComparison.Ordinal) && f.Contains("Penalty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:NewDevice: ", StringComparison.Ordinal) && f.Contains("KnownValuesPerIdentity", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:FailedSignInBurst: ", StringComparison.Ordinal) && f.Contains("Window", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_sign_in_signal_section_is_checked()
    {
        var options = new TrustOptions();
        options.NewCountry.MinSuccessfulSignIns = -1;
        options.NewAutonomousSystem.Penalty = 101;
        options.NewUserAgent.MinSuccessfulSignIns = 100_001;
        options.AnonymizingNetworks.ReloadInterval = TimeSpan.Zero;
        options.PasswordSpray.MinDistinctAccounts = 2;
        options.MfaFatigue.MinDenials = 1;
        options.UnmanagedDevice.HabitShare = 0.2;
        options.SingleFactorSignIn.MinSignIns = 0;
        options.SessionReplay.RememberedSessions = 0;

        var failures = _validator.Validate(null, options).Failures!.ToList();

        string[] sections =
        [
            "NewCountry", "NewAutonomousSystem", "NewUserAgent", "AnonymizingNetworks", "PasswordSpray", "MfaFatigue",
            "UnmanagedDevice", "SingleFactorSignIn", "SessionReplay",
        ];
        Assert.Equal(sections.Length, failures.Count);
        Assert.All(sections, section => Assert.Contains(failures, f => f.StartsWith($"Trust:{section}: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_mesh_and_decision_signal_sections_are_checked_with_the_setting_named()
    {
        var options = new TrustOptions();
        options.NewDestination.RolloutMinAddresses = 1;
        options.RequestRateSpike.HistoryBuckets = 17;
        options.ClientErrorSpike.Confidence = 100;
        options.BytesSentSpike.MinimumPerBucket = 0;
        options.DenyBurst.MaxDenies = 0;
        options.SensitivityEscalation.LearningPeriod = TimeSpan.FromDays(-1);
        options.ActivityAfterRevocation.RepeatInterval = TimeSpan.Zero;

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(7, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Trust:NewDestination: ", StringComparison.Ordinal) && f.Contains("RolloutMinAddresses", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:RequestRateSpike: ", StringComparison.Ordinal) && f.Contains("HistoryBuckets", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:ClientErrorSpike: ", StringComparison.Ordinal) && f.Contains("Confidence", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:BytesSentSpike: ", StringComparison.Ordinal) && f.Contains("MinimumPerBucket", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:DenyBurst: ", StringComparison.Ordinal) && f.Contains("MaxDenies", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:SensitivityEscalation: ", StringComparison.Ordinal) && f.Contains("LearningPeriod", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Trust:ActivityAfterRevocation: ", StringComparison.Ordinal) && f.Contains("RepeatInterval", StringComparison.Ordinal));
    }
    [Fact]
    public void The_blast_radius_guard_is_checked_too()
    {
        var options = new TrustOptions { BlastRadius = { MaxActionShare = 0, Window = TimeSpan.FromSeconds(10) } };

        var failures = Failures(options);

        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.StartsWith("Trust:BlastRadius: ", failure, StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("MaxActionShare", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("Window", StringComparison.Ordinal));
    }
}
