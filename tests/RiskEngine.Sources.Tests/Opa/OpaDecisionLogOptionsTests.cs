using RiskEngine.Sources.Opa;

namespace RiskEngine.Sources.Tests.Opa;

public sealed class OpaDecisionLogOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_cover_the_common_input_shapes()
    {
        var options = new OpaDecisionLogOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(16 * 1024 * 1024, options.MaxDecompressedBytes);
        Assert.False(options.AcceptMaskedSubjects);
        Assert.Equal(
            ["input.user", "input.subject", "input.source", "input.attributes.source.principal", "input.request.userInfo.username"],
            OpaInputMapping.DefaultSubjectPaths);
        Assert.Equal(["input.resource", "input.path", "input.attributes.request.http.path"], OpaInputMapping.DefaultResourcePaths);
        Assert.Equal(["input.action", "input.method", "input.attributes.request.http.method", "input.request.operation"], OpaInputMapping.DefaultActionPaths);
        Assert.Equal(["input.resource.classification", "input.classification"], OpaInputMapping.DefaultClassificationPaths);
        Assert.Equal(["input.session", "input.session_id", "input.sid"], OpaInputMapping.DefaultSessionPaths);
        Assert.Equal(["input.attributes.source.address.socketAddress.address", "input.ip", "input.source_ip"], OpaInputMapping.DefaultSourceAddressPaths);
        Assert.Equal(["result", "result.allow", "result.allowed", "result.response.allowed"], OpaInputMapping.DefaultAllowPaths);
        Assert.Equal(["result.deny_reason", "result.reason", "result.response.status.message"], OpaInputMapping.DefaultDenyReasonPaths);
    }

    [Theory]
    [InlineData("user", "must start with \"input.\": these paths name fields of the policy input")]
    [InlineData("result.allow", "must start with \"input.\": these paths name fields of the policy input")]
    [InlineData("input", "must name a field under \"input\", not the whole input")]
    [InlineData("input..user", "has an empty segment: a path is property names separated by single dots")]
    [InlineData("input.user.", "has an empty segment: a path is property names separated by single dots")]
    [InlineData(".input.user", "must start with \"input.\": these paths name fields of the policy input")]
    [InlineData(" input.user", "a path cannot start or end with white space")]
    [InlineData("", "a path cannot be empty")]
    [InlineData("  ", "a path cannot be empty")]
    public void An_input_path_that_is_not_under_input_is_refused_saying_why(string path, string why)
    {
        var options = new OpaDecisionLogOptions { Mapping = new OpaInputMapping { ResourcePaths = ["input.resource", path] } };

        var error = Assert.Single(options.Validate());

        Assert.Equal($"Mapping.ResourcePaths[1] \"{path}\": {why}", error);
    }

    [Theory]
    [InlineData("result", null)]
    [InlineData("result.response.allowed", null)]
    [InlineData("input.allow", "must be \"result\" or start with \"result.\": these paths name fields of the decision")]
    [InlineData("results.allow", "must be \"result\" or start with \"result.\": these paths name fields of the decision")]
    [InlineData("result..allow", "has an empty segment: a path is property names separated by single dots")]
    public void A_decision_path_must_be_under_result(string path, string? why)
    {
        var options = new OpaDecisionLogOptions { Mapping = new OpaInputMapping { AllowPaths = [path] } };

        var errors = options.Validate();

        Assert.Equal(why is null ? [] : [$"Mapping.AllowPaths[0] \"{path}\": {why}"], errors);
    }

    [Fact]
    public void Every_problem_is_listed_and_the_decoder_refuses_the_options_naming_them()
    {
        var options = new OpaDecisionLogOptions
        {
            MaxDecompressedBytes = 0,
            Mapping = new OpaInputMapping { SubjectPaths = [], DenyReasonPaths = ["reason"] },
        };

        var errors = options.Validate();
        var refused = Assert.Throws<ArgumentException>(() => new OpaDecisionLogDecoder(options));

        Assert.Equal(
            [
                "MaxDecompressedBytes must be at least 1, not 0",
                "Mapping.SubjectPaths is empty: it needs at least one path",
                "Mapping.DenyReasonPaths[0] \"reason\": must be \"result\" or start with \"result.\": these paths name fields of the decision",
            ],
            errors);
        Assert.StartsWith("invalid OPA decision log options: MaxDecompressedBytes must be at least 1, not 0; Mapping.SubjectPaths is empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_lists_may_be_emptied_to_turn_a_field_off()
    {
        var decoder = new OpaDecisionLogDecoder(new OpaDecisionLogOptions { Mapping = new OpaInputMapping { ResourcePaths = [], ActionPaths = [] } });
        var records = new List<DecodedRecord>();

        decoder.Decode(System.Text.Encoding.UTF8.GetBytes(OpaEvents.HttpApiTutorial), records);

        var decision = Assert.Single(records).Event!;
        Assert.Null(decision.Resource);
        Assert.Null(decision.Action);
        Assert.Equal("alice", decision.IdentityId);
    }

    [Fact]
    public void A_path_shared_by_two_fields_feeds_both()
    {
        var decoder = new OpaDecisionLogDecoder(new OpaDecisionLogOptions
        {
            Mapping = new OpaInputMapping { SubjectPaths = ["input.user"], SessionPaths = ["input.user"], ResourcePaths = ["input.user.id"] },
        });
        var records = new List<DecodedRecord>();

        decoder.Decode("""{"decision_id":"d-1","timestamp":"2024-05-01T12:00:00Z","input":{"user":{"id":"alice"}},"result":true}"""u8, records);

        var decision = Assert.Single(records).Event!;
        Assert.Equal("alice", decision.IdentityId);
        Assert.Equal("alice", decision.SessionId);
        Assert.Equal("alice", decision.Resource);
    }
}
