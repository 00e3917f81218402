namespace RiskEngine.Sources.Opa;

/// <summary>
/// Where in an OPA decision event the engine finds who asked, for what, and what OPA answered. OPA's
/// <c>input</c> is whatever the policy enforcement point sent, so each field is a list of candidate paths
/// tried in order, the first present winning.
/// </summary>
/// <remarks>
/// <para>
/// A path is dot-separated property names from the event's root: <c>input.attributes.source.principal</c>.
/// The input-side paths start with <c>input.</c>; the decision-side ones are <c>result</c> or start with
/// <c>result.</c>. A path landing on an object takes the object's <c>id</c>, else its <c>sub</c>, else its
/// <c>name</c> (<c>input.subject = {"id":"alice","type":"user"}</c> gives <c>alice</c>); one landing on an array
/// of strings joins them with <c>/</c> (<c>input.path = ["finance","salary","alice"]</c> gives
/// <c>finance/salary/alice</c>); numbers and booleans are taken as their JSON text. Null, <c>""</c> and
/// <c>"-"</c> count as absent.
/// </para>
/// <para>
/// Each list left null means its default (the <c>Default...</c> lists below), so configuration replaces a list
/// rather than appending to it. To add a path in front of the defaults:
/// <c>SubjectPaths = ["input.principal", .. OpaInputMapping.DefaultSubjectPaths]</c>.
/// </para>
/// </remarks>
public sealed class OpaInputMapping
{
    /// <summary>
    /// The OPA HTTP API authorization tutorial (<c>input.user</c>), subject objects (<c>input.subject</c>), a
    /// SPIFFE ID in <c>input.source</c>, Envoy ext_authz (<c>input.attributes.source.principal</c>, the peer's
    /// mTLS identity), Kubernetes admission review (<c>input.request.userInfo.username</c>).
    /// </summary>
    public static IReadOnlyList<string> DefaultSubjectPaths { get; } =
        ["input.user", "input.subject", "input.source", "input.attributes.source.principal", "input.request.userInfo.username"];

    public static IReadOnlyList<string> DefaultResourcePaths { get; } =
        ["input.resource", "input.path", "input.attributes.request.http.path"];

    public static IReadOnlyList<string> DefaultActionPaths { get; } =
        ["input.action", "input.method", "input.attributes.request.http.method", "input.request.operation"];

    public static IReadOnlyList<string> DefaultClassificationPaths { get; } =
        ["input.resource.classification", "input.classification"];

    public static IReadOnlyList<string> DefaultSessionPaths { get; } =
        ["input.session", "input.session_id", "input.sid"];

    public static IReadOnlyList<string> DefaultSourceAddressPaths { get; } =
        ["input.attributes.source.address.socketAddress.address", "input.ip", "input.source_ip"];

    /// <summary>
    /// <c>result</c> when the decision is a boolean; else <c>allow</c> or <c>allowed</c> of a result object; else a
    /// Kubernetes AdmissionReview's <c>response.allowed</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowPaths { get; } =
        ["result", "result.allow", "result.allowed", "result.response.allowed"];

    public static IReadOnlyList<string> DefaultDenyReasonPaths { get; } =
        ["result.deny_reason", "result.reason", "result.response.status.message"];

    /// <summary>Who asked: a user id or name, or a workload's SPIFFE ID. Required: an event with none is rejected.</summary>
    public IList<string>? SubjectPaths { get; set; }

    /// <summary>What was asked about: a document, a request path.</summary>
    public IList<string>? ResourcePaths { get; set; }

    /// <summary>What was to be done to it: an HTTP method, an operation.</summary>
    public IList<string>? ActionPaths { get; set; }

    /// <summary>The resource's sensitivity ("confidential", "pii"), when the input names it.</summary>
    public IList<string>? ClassificationPaths { get; set; }

    public IList<string>? SessionPaths { get; set; }

    /// <summary>The address the request came from (the subject's, not OPA's caller's).</summary>
    public IList<string>? SourceAddressPaths { get; set; }

    /// <summary>
    /// Where the decision is: the first of these holding a boolean (or the strings <c>"true"</c>/<c>"false"</c>)
    /// is it. A path landing on an object is passed over (<c>result</c> being <c>{"allow": ...}</c>); one landing
    /// on anything else is an invalid field.
    /// </summary>
    public IList<string>? AllowPaths { get; set; }

    /// <summary>Why a denied request was denied; an array of reasons is joined with "; ".</summary>
    public IList<string>? DenyReasonPaths { get; set; }

    internal IReadOnlyList<string> EffectiveSubjectPaths => AsReadOnly(SubjectPaths) ?? DefaultSubjectPaths;

    internal IReadOnlyList<string> EffectiveResourcePaths => AsReadOnly(ResourcePaths) ?? DefaultResourcePaths;

    internal IReadOnlyList<string> EffectiveActionPaths => AsReadOnly(ActionPaths) ?? DefaultActionPaths;

    internal IReadOnlyList<string> EffectiveClassificationPaths => AsReadOnly(ClassificationPaths) ?? DefaultClassificationPaths;

    internal IReadOnlyList<string> EffectiveSessionPaths => AsReadOnly(SessionPaths) ?? DefaultSessionPaths;

    internal IReadOnlyList<string> EffectiveSourceAddressPaths => AsReadOnly(SourceAddressPaths) ?? DefaultSourceAddressPaths;

    internal IReadOnlyList<string> EffectiveAllowPaths => AsReadOnly(AllowPaths) ?? DefaultAllowPaths;

    internal IReadOnlyList<string> EffectiveDenyReasonPaths => AsReadOnly(DenyReasonPaths) ?? DefaultDenyReasonPaths;

    /// <summary>Every problem with the configured paths, each naming the list and the path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ValidatePaths(errors, nameof(SubjectPaths), EffectiveSubjectPaths, OpaPath.InputRoot, required: true);
        ValidatePaths(errors, nameof(ResourcePaths), EffectiveResourcePaths, OpaPath.InputRoot, required: false);
        ValidatePaths(errors, nameof(ActionPaths), EffectiveActionPaths, OpaPath.InputRoot, required: false);
        ValidatePaths(errors, nameof(ClassificationPaths), EffectiveClassificationPaths, OpaPath.InputRoot, required: false);
        ValidatePaths(errors, nameof(SessionPaths), EffectiveSessionPaths, OpaPath.InputRoot, required: false);
        ValidatePaths(errors, nameof(SourceAddressPaths), EffectiveSourceAddressPaths, OpaPath.InputRoot, required: false);
        ValidatePaths(errors, nameof(AllowPaths), EffectiveAllowPaths, OpaPath.ResultRoot, required: true);
        ValidatePaths(errors, nameof(DenyReasonPaths), EffectiveDenyReasonPaths, OpaPath.ResultRoot, required: false);
        return errors;
    }

    private static void ValidatePaths(List<string> errors, string listName, IReadOnlyList<string> paths, string root, bool required)
    {
        if (required && paths.Count == 0)
        {
            errors.Add($"{listName} is empty: it needs at least one path");
        }

        for (var i = 0; i < paths.Count; i++)
        {
            if (OpaPath.Validate(paths[i], root) is { } error)
            {
                errors.Add($"{listName}[{i}] \"{paths[i]}\": {error}");
            }
        }
    }

    private static IReadOnlyList<string>? AsReadOnly(IList<string>? paths) => paths switch
    {
        null => null,
        IReadOnlyList<string> readOnly => readOnly,
        _ => [.. paths],
    };
}
