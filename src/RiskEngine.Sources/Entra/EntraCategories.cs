namespace RiskEngine.Sources.Entra;

/// <summary>
/// The diagnostic-settings categories that carry sign-ins. Microsoft Entra's diagnostic settings also route
/// AuditLogs, ProvisioningLogs, ADFSSignInLogs, RiskyUsers, UserRiskEvents, RiskyServicePrincipals,
/// ServicePrincipalRiskEvents, NetworkAccessTrafficLogs, MicrosoftGraphActivityLogs and more: those are not
/// sign-ins of an Entra identity and are skipped, counted under "entra:" and their category.
/// </summary>
/// <remarks>
/// ManagedIdentitySignInLogs is a sign-in category: a managed identity is a service principal, and its records
/// have the shape of ServicePrincipalSignInLogs (servicePrincipalId, servicePrincipalName, resourceDisplayName), so
/// it is scored as a workload like them. ADFSSignInLogs is not: those are AD FS's own sign-ins, reported through
/// Connect Health, whose users are named by on-premises UPN rather than by an Entra object id.
/// </remarks>
public static class EntraCategories
{
    /// <summary>Interactive user sign-ins.</summary>
    public const string SignInLogs = "SignInLogs";

    /// <summary>Sign-ins by a client on a user's behalf (token refreshes, SSO): a user's, but no person took part.</summary>
    public const string NonInteractiveUserSignInLogs = "NonInteractiveUserSignInLogs";

    /// <summary>Sign-ins of applications as themselves (client credentials): workloads.</summary>
    public const string ServicePrincipalSignInLogs = "ServicePrincipalSignInLogs";

    /// <summary>Sign-ins of Azure managed identities, which are service principals: workloads.</summary>
    public const string ManagedIdentitySignInLogs = "ManagedIdentitySignInLogs";

    /// <summary>The prefix of the skip counter's kind for records of the other categories ("entra:AuditLogs").</summary>
    public const string SkippedKindPrefix = "entra:";

    internal static EntraCategory Classify(ReadOnlySpan<byte> category) => category.Length switch
    {
        10 when category.SequenceEqual("SignInLogs"u8) => EntraCategory.SignInLogs,
        28 when category.SequenceEqual("NonInteractiveUserSignInLogs"u8) => EntraCategory.NonInteractiveUserSignInLogs,
        26 when category.SequenceEqual("ServicePrincipalSignInLogs"u8) => EntraCategory.ServicePrincipalSignInLogs,
        25 when category.SequenceEqual("ManagedIdentitySignInLogs"u8) => EntraCategory.ManagedIdentitySignInLogs,
        _ => EntraCategory.Other,
    };
}

/// <summary>What a record's category says about it.</summary>
internal enum EntraCategory : byte
{
    /// <summary>No category (or null, "" or "-").</summary>
    Absent,

    /// <summary>A category that is not a string.</summary>
    Invalid,

    SignInLogs,
    NonInteractiveUserSignInLogs,
    ServicePrincipalSignInLogs,
    ManagedIdentitySignInLogs,

    /// <summary>Any other category: not a sign-in, skipped.</summary>
    Other,
}
