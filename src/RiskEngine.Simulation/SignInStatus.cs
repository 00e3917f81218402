namespace RiskEngine.Simulation;

/// <summary>The <c>status</c> of a sign-in, with the texts Entra writes for each error code.</summary>
internal sealed record SignInStatus(int ErrorCode, string FailureReason, string? AdditionalDetails)
{
    public static SignInStatus Success { get; } = new(0, "Other.", null);

    public static SignInStatus InvalidPassword { get; } = new(
        50126,
        "Error validating credentials due to invalid username or password.",
        "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes.");

    public static SignInStatus MfaRequired { get; } = new(50074, "Strong Authentication is required.", "MFA required in Azure AD");

    public static SignInStatus MfaDenied { get; } = new(
        500121, "Authentication failed during strong authentication request.", "MFA denied; user declined the authentication");

    /// <summary>Smart lockout: too many wrong passwords in a row; the account refuses sign-ins for a while.</summary>
    public static SignInStatus AccountLocked { get; } = new(
        50053, "Account is locked because user tried to sign in too many times with an incorrect user ID or password.", "Sign-in was blocked by smart lockout");

    public bool IsSuccess => ErrorCode == 0;

    /// <summary>The first factor, the password, was wrong (or refused without being checked).</summary>
    public bool IsPasswordFailure => this == InvalidPassword || this == AccountLocked;
}
