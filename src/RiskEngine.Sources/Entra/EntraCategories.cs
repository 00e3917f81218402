namespace RiskEngine.Sources.Entra;

/// <summary>The diagnostic-settings categories that carry sign-ins; the others (AuditLogs, RiskyUsers...) are not scored here.</summary>
public static class EntraCategories
{
    public const string SignInLogs = "SignInLogs";
    public const string NonInteractiveUserSignInLogs = "NonInteractiveUserSignInLogs";
    public const string ServicePrincipalSignInLogs = "ServicePrincipalSignInLogs";

    public static bool IsSignIn(string category) =>
        category is SignInLogs or NonInteractiveUserSignInLogs or ServicePrincipalSignInLogs;
}
