using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Cli.Hosting;
using RiskEngine.Core.Trust;
using RiskEngine.Kafka.Hosting;

namespace RiskEngine.Integration.Tests.Configuration;

/// <summary><c>riskengine run</c> watches its configuration file: Trust settings change without a restart, and bad ones are refused aloud.</summary>
public sealed class TrustSettingsReloadTests : IDisposable
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-reload-test-").FullName;

    private string ConfigFile => Path.Combine(_directory, "engine.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string StepUp(int threshold) =>
        $$"""{ "Trust": { "Policy": { "Thresholds": { "Internal": { "StepUp": {{threshold}} } } } } }""";

    [Fact]
    public async Task The_engine_host_applies_a_changed_threshold_from_its_config_file_without_a_restart()
    {
        await File.WriteAllTextAsync(ConfigFile, StepUp(60));
        await using var engine = EngineHost.Build(new EngineHostSettings { ConfigFile = ConfigFile, MinimumLogLevel = LogLevel.Critical });
        var trust = engine.Services.GetRequiredService<IOptionsMonitor<TrustOptions>>();
        Assert.Equal(60, trust.CurrentValue.Policy.Thresholds.Internal.StepUp);
        var changed = new TaskCompletionSource<TrustOptions>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = trust.OnChange(options => changed.TrySetResult(options));

        await File.WriteAllTextAsync(ConfigFile, StepUp(65));

        Assert.Equal(65, (await changed.Task.WaitAsync(ReloadTimeout)).Policy.Thresholds.Internal.StepUp);
    }

    [Fact]
    public void Settings_of_earlier_versions_are_refused_with_what_replaced_them()
    {
        var section = Section(new() { ["Trust:RecoveryPerHour"] = "10", ["Trust:RevokeThreshold"] = "40" });

        var failures = new TrustOptionsReloadValidator(section, new CapturingLogger()).Validate(null, new TrustOptions()).Failures!.ToList();

        Assert.Equal(
            [
                "Trust:RecoveryPerHour is no longer read; use Trust:RecoveryHalfLife, the event time in which half of what was lost comes back (default 02:00:00).",
                "Trust:RevokeThreshold is no longer read; use Trust:Policy:Thresholds:<Public|Internal|Confidential|Restricted>:Revoke.",
            ],
            failures);
    }

    [Fact]
    public void A_reload_that_fails_is_logged_but_a_failure_at_start_is_left_to_the_start_up_error()
    {
        var logger = new CapturingLogger();
        var validator = new TrustOptionsReloadValidator(Section([]), logger);
        var invalid = new TrustOptions();
        invalid.Policy.Thresholds.Internal.StepUp = 90;

        Assert.True(validator.Validate(null, invalid).Failed);
        Assert.Empty(logger.Messages);

        Assert.True(validator.Validate(null, new TrustOptions()).Succeeded);
        Assert.True(validator.Validate(null, invalid).Failed);

        var message = Assert.Single(logger.Messages);
        Assert.StartsWith("The changed Trust settings are invalid and were not applied; scoring goes on with the previous ones. Trust:Policy:Thresholds:Internal must satisfy", message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(TrustOptions.SectionName);

    private sealed class CapturingLogger : ILogger<TrustOptionsReloadValidator>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
