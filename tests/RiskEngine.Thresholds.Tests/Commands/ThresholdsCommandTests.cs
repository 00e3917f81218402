using System.CommandLine;
using System.Text.Json;
using RiskEngine.Cli.Commands;
using RiskEngine.Core.Trust;
using RiskEngine.Testing;
using RiskEngine.Thresholds.Tests.Support;

namespace RiskEngine.Thresholds.Tests.Commands;

/// <summary><c>riskengine thresholds show|set|history|rollback</c> in process, on a SQLite file its configuration names.</summary>
public sealed class ThresholdsCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _configFile;

    public ThresholdsCommandTests()
    {
        _configFile = Path.Combine(_directory.Path, "riskengine.json");
        File.WriteAllText(_configFile, JsonSerializer.Serialize(new { Database = new { DataDirectory = _directory.Path } }));
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var root = new RootCommand { ThresholdsCommand.Create() };
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await root.Parse(["thresholds", .. arguments, "--config", _configFile]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private string Document(ThresholdSettings thresholds, string name)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, thresholds.ToJson());
        return path;
    }

    [Fact]
    public async Task Show_prints_the_configured_thresholds_as_a_document_the_schema_and_set_accept()
    {
        var (exitCode, output, error) = await RunAsync("show");

        Assert.Equal(0, exitCode);
        Assert.Equal("version 0: no version stored, these are the configured Trust settings\n", error);
        Assert.Equal(ThresholdDocuments.Defaults().ToJson(), output.TrimEnd('\n'));
        Assert.Null(SchemaValidator.Validate("thresholds.schema.json", output));
    }

    [Fact]
    public async Task Set_stores_versions_that_show_and_history_read_back_and_rollback_restores_one()
    {
        var first = await RunAsync("set", "--file", Document(ThresholdDocuments.WithInternalStepUp(65), "65.json"), "--author", "alice", "--reason", "fewer step-ups");
        var second = await RunAsync("set", "--file", Document(ThresholdDocuments.WithInternalStepUp(64), "64.json"), "--author", "bob", "--reason", "more step-ups");
        var rollback = await RunAsync("rollback", "--to", "1", "--author", "carol", "--reason", "too many step-ups");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("stored version 1  ", first.Output, StringComparison.Ordinal);
        Assert.EndsWith("Z  alice: fewer step-ups\n", first.Output, StringComparison.Ordinal);
        Assert.StartsWith("stored version 2  ", second.Output, StringComparison.Ordinal);
        Assert.EndsWith("carol: too many step-ups (rollback to version 1)\n", rollback.Output, StringComparison.Ordinal);

        var history = (await RunAsync("history")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["version 3", "version 2", "version 1"], history.Select(line => line[..9]));
        Assert.Equal(["carol", "bob", "alice"], history.Select(line => line.Split("  ")[2].Split(':')[0]));
        Assert.Equal(65, ThresholdSettings.Parse((await RunAsync("show")).Output).Policy.Thresholds.Internal.StepUp);
        Assert.Equal(64, ThresholdSettings.Parse((await RunAsync("show", "--version", "2")).Output).Policy.Thresholds.Internal.StepUp);
        Assert.Single((await RunAsync("history", "--limit", "1")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Set_refuses_incoherent_thresholds_with_the_reason_and_stores_nothing()
    {
        var (exitCode, _, error) = await RunAsync("set", "--file", Document(ThresholdDocuments.RevokingBeforeSteppingUp(), "bad.json"), "--author", "alice", "--reason", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("riskengine thresholds: Trust:Policy:Thresholds:Internal must satisfy Revoke (70) < StepUp (60) < RiskLevelChange (80).", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await RunAsync("history")).Output);
    }

    [Fact]
    public async Task Set_refuses_a_file_that_is_not_a_thresholds_document_saying_where()
    {
        var path = Path.Combine(_directory.Path, "typo.json");
        await File.WriteAllTextAsync(path, """{ "levels": { "lowBelow": 85, "mediumBelow": 60, "highBelow": 40 }, "revokeBelow": 30 }""");

        var (exitCode, _, error) = await RunAsync("set", "--file", path, "--author", "alice", "--reason", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains($"riskengine thresholds: {path} is not a thresholds document:", error, StringComparison.Ordinal);
        Assert.Contains("revokeBelow", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_without_an_author_is_refused_before_anything_is_read()
    {
        var (exitCode, _, error) = await RunAsync("set", "--file", Document(ThresholdDocuments.Defaults(), "ok.json"), "--reason", "x");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--author", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_and_rollback_name_a_version_that_does_not_exist()
    {
        var show = await RunAsync("show", "--version", "4");
        var rollback = await RunAsync("rollback", "--to", "4", "--author", "bob", "--reason", "undo");

        Assert.Equal(2, show.ExitCode);
        Assert.Equal("riskengine thresholds: there is no version 4\n", show.Error);
        Assert.Equal(2, rollback.ExitCode);
        Assert.Equal("riskengine thresholds: there is no version 4 to roll back to\n", rollback.Error);
    }
}
