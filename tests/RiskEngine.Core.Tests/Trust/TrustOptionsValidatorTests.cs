using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Trust;

public sealed class TrustOptionsValidatorTests
{
    private readonly TrustOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new TrustOptions()).Succeeded);
    }

    [Fact]
    public void A_rearm_threshold_below_the_revoke_threshold_is_refused()
    {
        var result = _validator.Validate(null, new TrustOptions { RevokeThreshold = 40, RearmThreshold = 30 });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Trust:RearmThreshold (30) must be at least Trust:RevokeThreshold (40)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_thresholds_are_allowed()
    {
        Assert.True(_validator.Validate(null, new TrustOptions { RevokeThreshold = 50, RearmThreshold = 50 }).Succeeded);
    }

    [Fact]
    public void Out_of_range_values_are_refused_with_the_setting_named()
    {
        var options = new TrustOptions { RecoveryPerHour = -1 };
        options.ImpossibleTravel.Penalty = 150;
        options.NewDevice.KnownValuesPerIdentity = 0;
        options.FailedSignInBurst.Window = TimeSpan.FromSeconds(5);

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Trust: ", StringComparison.Ordinal) && f.Contains("RecoveryPerHour", StringComparison.Ordinal));
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
        options.NewUserAgent.KnownValuesPerIdentity = 65;
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
}
