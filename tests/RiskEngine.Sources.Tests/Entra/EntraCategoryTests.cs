using RiskEngine.Core.Events;
using static RiskEngine.Sources.Tests.Entra.EntraTestSupport;

namespace RiskEngine.Sources.Tests.Entra;

/// <summary>What each diagnostic-settings category makes of a record, and who a Graph signIn says signed in.</summary>
public sealed class EntraCategoryTests
{
    [Theory]
    [InlineData("SignInLogs", true)]
    [InlineData("NonInteractiveUserSignInLogs", false)]
    public void A_user_sign_in_category_is_a_users_sign_in(string category, bool interactive)
    {
        var signIn = Accepted(Envelope(Record(category, UserSignIn)));

        Assert.Equal(PrincipalType.User, signIn.PrincipalType);
        Assert.Equal(interactive, signIn.Interactive);
        Assert.Equal("u-1", signIn.IdentityId);
        Assert.Equal("ada@contoso.com", signIn.UserPrincipalName);
        Assert.Equal(EventSource.EntraId, signIn.Source);
        Assert.Equal(EventKind.SignIn, signIn.Kind);
    }

    [Theory]
    [InlineData("ServicePrincipalSignInLogs")]
    [InlineData("ManagedIdentitySignInLogs")]
    public void A_workload_sign_in_category_is_scored_under_its_service_principal(string category)
    {
        var signIn = Accepted(Envelope(Record(category, ServicePrincipalSignIn)));

        Assert.Equal(PrincipalType.Workload, signIn.PrincipalType);
        Assert.False(signIn.Interactive);
        Assert.Equal("sp-object-1", signIn.IdentityId);
        Assert.Null(signIn.UserPrincipalName);
        Assert.Equal("backup-job", signIn.AppDisplayName); // its servicePrincipalName: these logs carry no appDisplayName
        Assert.Equal("Microsoft Graph", signIn.Resource);
    }

    [Fact]
    public void The_category_wins_over_what_the_sign_in_says_of_itself()
    {
        var claimsInteractive = """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","isInteractive":true,"signInEventTypes":["interactiveUser"],"status":{"errorCode":0}}""";

        var signIn = Accepted(Envelope(Record("NonInteractiveUserSignInLogs", claimsInteractive)));

        Assert.False(signIn.Interactive);
    }

    [Fact]
    public void A_workload_sign_in_names_its_application_when_it_has_one()
    {
        var withApp = ServicePrincipalSignIn.Replace("\"appId\":\"a-1\"", "\"appDisplayName\":\"Backup\"", StringComparison.Ordinal);

        Assert.Equal("Backup", Accepted(Envelope(Record("ServicePrincipalSignInLogs", withApp))).AppDisplayName);
    }

    [Fact]
    public void A_workload_sign_in_keeps_no_user_principal_name_even_when_given_one()
    {
        var withUpn = ServicePrincipalSignIn.Replace("\"appId\":\"a-1\"", "\"userPrincipalName\":\"someone@contoso.com\"", StringComparison.Ordinal);

        Assert.Null(Accepted(Envelope(Record("ServicePrincipalSignInLogs", withUpn))).UserPrincipalName);
    }

    [Fact]
    public void A_workload_sign_in_without_a_service_principal_id_names_no_identity()
    {
        var record = Rejected(Envelope(Record("ServicePrincipalSignInLogs", """{"id":"sp-1","userId":"u-1","status":{"errorCode":0}}""")));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.Equal("records[0]: no servicePrincipalId: the service-principal sign-in names no identity to score", record.Reason);
    }

    [Fact]
    public void A_user_sign_in_category_is_not_scored_under_a_service_principal_id()
    {
        var record = Rejected(Envelope(Record("SignInLogs", """{"id":"s-1","servicePrincipalId":"sp-object-1","status":{"errorCode":0}}""")));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.StartsWith("records[0]: no userId or userPrincipalName", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AuditLogs")]
    [InlineData("RiskyUsers")]
    [InlineData("UserRiskEvents")]
    [InlineData("ProvisioningLogs")]
    [InlineData("ADFSSignInLogs")]
    [InlineData("MicrosoftGraphActivityLogs")]
    public void Another_category_is_skipped_under_its_kind(string category)
    {
        var record = Assert.Single(Decode(Envelope(Record(category, """{"id":"x-1","activityDisplayName":"Add member to group"}"""))));

        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Equal("entra:" + category, record.Reason);
        Assert.Null(record.Event);
    }

    [Fact]
    public void A_record_of_another_category_is_skipped_whatever_its_properties_hold()
    {
        // RiskyUsers properties have a shape of their own: nothing in them is a sign-in's to judge.
        var riskyUser = """{"time":"not a time","category":"RiskyUsers","resultType":{"no":"code"},"properties":{"id":5,"status":[1],"location":"Oslo","riskLevel":"high"}}""";

        var record = Assert.Single(Decode(Envelope(riskyUser)));

        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Equal("entra:RiskyUsers", record.Reason);
    }

    [Fact]
    public void The_skip_kind_of_a_category_is_one_shared_string()
    {
        var first = Assert.Single(Decode(Envelope(Record("AuditLogs", "{}"))));
        var second = Assert.Single(Decode(Envelope(Record("AuditLogs", "{}"))));

        Assert.Same(first.Reason, second.Reason);
    }

    [Fact]
    public void An_envelope_mixing_categories_decodes_each_record_by_its_own()
    {
        var message = Envelope(
            Record("SignInLogs", UserSignIn),
            Record("AuditLogs", """{"id":"a-1","activityDisplayName":"Update user"}"""),
            Record("NonInteractiveUserSignInLogs", UserSignIn.Replace("s-1", "s-2", StringComparison.Ordinal)),
            Record("RiskyUsers", """{"id":"r-1","riskLevel":"high"}"""),
            Record("ServicePrincipalSignInLogs", ServicePrincipalSignIn),
            Record("ManagedIdentitySignInLogs", ServicePrincipalSignIn.Replace("sp-1", "mi-1", StringComparison.Ordinal)),
            Record("SignInLogs", """{"id":"s-3","status":{"errorCode":0}}"""));

        var records = Decode(message);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], records.Select(r => r.RecordIndex));
        Assert.Equal(
            [DecodeOutcome.Accepted, DecodeOutcome.Skipped, DecodeOutcome.Accepted, DecodeOutcome.Skipped, DecodeOutcome.Accepted, DecodeOutcome.Accepted, DecodeOutcome.Rejected],
            records.Select(r => r.Outcome));
        Assert.Equal(["s-1", "s-2", "sp-1", "mi-1"], records.Where(r => r.Event is not null).Select(r => r.Event!.EventId));
        Assert.Equal([true, false, false, false], records.Where(r => r.Event is not null).Select(r => r.Event!.Interactive));
        Assert.Equal(
            [PrincipalType.User, PrincipalType.User, PrincipalType.Workload, PrincipalType.Workload],
            records.Where(r => r.Event is not null).Select(r => r.Event!.PrincipalType));
        Assert.Equal(["entra:AuditLogs", "entra:RiskyUsers"], records.Where(r => r.Outcome == DecodeOutcome.Skipped).Select(r => r.Reason));
        Assert.Equal(RejectionCode.MissingIdentity, records[6].Code);
    }

    [Fact]
    public void A_category_after_the_properties_is_honoured()
    {
        var late = """{"time":"2024-03-01T08:00:00Z","properties":{"id":"x-1","status":"not an object"},"category":"AuditLogs"}""";
        var lateSignIn = $$"""{"time":"2024-03-01T08:00:00Z","properties":{{ServicePrincipalSignIn}},"category":"ServicePrincipalSignInLogs"}""";

        var records = Decode(Envelope(late, lateSignIn));

        Assert.Equal("entra:AuditLogs", records[0].Reason);
        Assert.Equal(PrincipalType.Workload, records[1].Event!.PrincipalType);
    }

    [Theory]
    [InlineData("""{"properties":{}}""", RejectionCode.MissingField, "records[0] has no category")]
    [InlineData("""{"category":null,"properties":{}}""", RejectionCode.MissingField, "records[0] has no category")]
    [InlineData("""{"category":"-","properties":{}}""", RejectionCode.MissingField, "records[0] has no category")]
    [InlineData("""{"category":["SignInLogs"],"properties":{}}""", RejectionCode.InvalidField, "records[0]: category: expected a string, found an array")]
    public void A_record_without_a_usable_category_is_rejected(string record, RejectionCode code, string reason)
    {
        var rejected = Rejected(Envelope(record));

        Assert.Equal(code, rejected.Code);
        Assert.StartsWith(reason, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_category_is_the_category_it_spells()
    {
        var escaped = Record("SignInLogs", UserSignIn).Replace("\"SignInLogs\"", "\"Sign\\u0049nLogs\"", StringComparison.Ordinal);

        Assert.True(Accepted(Envelope(escaped)).Interactive);
    }

    [Theory]
    [InlineData("""["servicePrincipal"]""", PrincipalType.Workload, false)]
    [InlineData("""["managedIdentity"]""", PrincipalType.Workload, false)]
    [InlineData("""["nonInteractiveUser"]""", PrincipalType.User, false)]
    [InlineData("""["interactiveUser"]""", PrincipalType.User, true)]
    [InlineData("""["interactiveUser","nonInteractiveUser"]""", PrincipalType.User, true)]
    [InlineData("""[]""", PrincipalType.User, true)]
    [InlineData("null", PrincipalType.User, true)]
    public void A_graph_sign_in_says_who_signed_in_by_its_event_types(string eventTypes, PrincipalType principal, bool interactive)
    {
        var json = $$$"""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","servicePrincipalId":"sp-object-1","signInEventTypes":{{{eventTypes}}},"status":{"errorCode":0}}""";

        var signIn = Accepted(json);

        Assert.Equal(principal, signIn.PrincipalType);
        Assert.Equal(interactive, signIn.Interactive);
        Assert.Equal(principal == PrincipalType.Workload ? "sp-object-1" : "u-1", signIn.IdentityId);
    }

    [Fact]
    public void A_graph_service_principal_sign_in_is_a_workload()
    {
        var json = """
            {"id":"sp-1","createdDateTime":"2024-03-01T08:00:00Z","appId":"a-1","appDisplayName":"Backup","servicePrincipalId":"sp-object-1",
             "servicePrincipalName":"backup-job","signInEventTypes":["servicePrincipal"],"isInteractive":false,"ipAddress":"203.0.113.9",
             "resourceDisplayName":"Microsoft Graph","status":{"errorCode":0}}
            """;

        var signIn = Accepted(json);

        Assert.Equal(PrincipalType.Workload, signIn.PrincipalType);
        Assert.False(signIn.Interactive);
        Assert.Equal("sp-object-1", signIn.IdentityId);
        Assert.Null(signIn.UserPrincipalName);
        Assert.Equal("Backup", signIn.AppDisplayName);
        Assert.Equal("Microsoft Graph", signIn.Resource);
    }

    [Fact]
    public void A_graph_sign_in_with_only_a_service_principal_id_is_a_workload()
    {
        var signIn = Accepted("""{"id":"sp-1","createdDateTime":"2024-03-01T08:00:00Z","servicePrincipalId":"sp-object-1","status":{"errorCode":0}}""");

        Assert.Equal(PrincipalType.Workload, signIn.PrincipalType);
        Assert.False(signIn.Interactive);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("\"False\"", false)]
    [InlineData("null", true)]
    [InlineData("\"-\"", true)]
    public void Without_event_types_a_graph_users_sign_in_is_as_interactive_as_it_says(string isInteractive, bool interactive)
    {
        var signIn = Accepted($$$"""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","isInteractive":{{{isInteractive}}},"status":{"errorCode":0}}""");

        Assert.Equal(PrincipalType.User, signIn.PrincipalType);
        Assert.Equal(interactive, signIn.Interactive);
    }

    [Theory]
    [InlineData("\"signInEventTypes\":\"servicePrincipal\"", "signInEventTypes: expected an array of strings, found \"servicePrincipal\"")]
    [InlineData("\"signInEventTypes\":[\"interactiveUser\",5]", "signInEventTypes: expected an array of strings, found a number in it")]
    [InlineData("\"isInteractive\":\"yes\"", "isInteractive: expected a boolean, found \"yes\"")]
    [InlineData("\"isInteractive\":1", "isInteractive: expected a boolean, found a number")]
    public void Event_types_and_interactivity_of_the_wrong_type_are_rejected(string badField, string reason)
    {
        var record = Rejected($$"""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0},{{badField}}}""");

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal(reason, record.Reason);
    }

    [Fact]
    public void A_graph_workload_sign_in_without_its_id_names_no_identity()
    {
        var record = Rejected("""{"id":"sp-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","signInEventTypes":["managedIdentity"],"status":{"errorCode":0}}""");

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.StartsWith("no servicePrincipalId", record.Reason, StringComparison.Ordinal);
    }
}
