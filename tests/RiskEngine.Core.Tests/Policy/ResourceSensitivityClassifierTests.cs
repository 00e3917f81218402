using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;

namespace RiskEngine.Core.Tests.Policy;

public sealed class ResourceSensitivityClassifierTests
{
    private readonly ResourceSensitivityClassifier _classifier = new(new ResourceSensitivityOptions
    {
        Resources = new Dictionary<string, ResourceSensitivity> { ["Payroll"] = ResourceSensitivity.Restricted, ["/wiki"] = ResourceSensitivity.Public },
    });

    [Theory]
    [InlineData("confidential", ResourceSensitivity.Confidential)]
    [InlineData("RESTRICTED", ResourceSensitivity.Restricted)]
    [InlineData("PII", ResourceSensitivity.Confidential)]
    [InlineData("secret", ResourceSensitivity.Restricted)]
    public void A_label_names_the_sensitivity_ignoring_case_and_outranks_the_listed_application(string label, ResourceSensitivity expected) =>
        Assert.Equal(expected, _classifier.Classify(Event(classification: label, app: "Payroll")));

    [Fact]
    public void Without_a_label_the_listed_resource_or_application_decides_even_when_configuration_bound_a_case_sensitive_map()
    {
        Assert.Equal(ResourceSensitivity.Public, _classifier.Classify(Event(resource: "/WIKI")));
        Assert.Equal(ResourceSensitivity.Restricted, _classifier.Classify(Event(app: "payroll")));
    }

    [Fact]
    public void An_unknown_label_falls_back_to_the_resource_and_then_the_default()
    {
        Assert.Null(_classifier.OfLabel("cosmic"));
        Assert.Equal(ResourceSensitivity.Restricted, _classifier.Classify(Event(classification: "cosmic", app: "Payroll")));
        Assert.Equal(ResourceSensitivity.Internal, _classifier.Classify(Event(classification: "cosmic", app: "Mail")));
    }

    private static IdentityEvent Event(string? classification = null, string? resource = null, string? app = null) => new()
    {
        EventId = "e1",
        Timestamp = DateTimeOffset.UnixEpoch,
        IdentityId = "u1",
        Succeeded = true,
        Classification = classification,
        Resource = resource,
        AppDisplayName = app,
    };
}
