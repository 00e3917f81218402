using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// Password spraying: one source address failing on many accounts, a few guesses each, in an event-time window
/// (<see cref="ScoringContext.SourceAddresses"/> keeps the addresses' windows). Once the address has failed on
/// <see cref="PasswordSprayOptions.MinDistinctAccounts"/> accounts, every account it fails on takes
/// <see cref="PasswordSprayOptions.TargetedPenalty"/>, and an account it signs in to takes
/// <see cref="PasswordSprayOptions.SuccessPenalty"/>: one of the guesses worked. Only users: workloads behind one
/// NAT fail together when a secret expires.
/// </summary>
/// <remarks>
/// A scoring stage sees only the identities of the partitions it owns, so with N instances each sees about 1/N of
/// the accounts an address sprays, and the threshold counts that share. Keying the events by source address
/// instead would see them all, but would split each identity's own history across instances.
/// </remarks>
public sealed class PasswordSpraySignal : ISignal
{
    public const string SignalName = "password-spray";

    private readonly PasswordSprayOptions _options;

    public PasswordSpraySignal(PasswordSprayOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (!Judged(identityEvent, keys, out var address) ||
            !context.SourceAddresses.TryGet(address, identityEvent.Timestamp, _options.Window, keys.AccountKey, out var activity))
        {
            return null;
        }

        if (identityEvent.Succeeded)
        {
            return IsSpraying(activity)
                ? Finding(_options.SuccessPenalty, identityEvent, activity, "then signed in to this account", context)
                : null;
        }

        // This failure counts too: the one that crosses the threshold already fires.
        var withThis = activity with
        {
            Failures = activity.Failures + 1,
            DistinctAccounts = activity.DistinctAccounts + (activity.AccountAmongThem || activity.DistinctAccounts == context.SourceAddresses.AccountsPerAddress ? 0 : 1),
        };
        return IsSpraying(withThis) ? Finding(_options.TargetedPenalty, identityEvent, withThis, "this account among them", context) : null;
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (Judged(identityEvent, keys, out var address))
        {
            context.SourceAddresses.Record(address, keys.AccountKey, identityEvent.Succeeded, identityEvent.Timestamp, _options.Window);
        }
    }

    private static bool Judged(IdentityEvent identityEvent, in SignInKeys keys, out UInt128 address)
    {
        address = keys.Address.GetValueOrDefault();
        return identityEvent.Kind.IsAuthentication() && identityEvent.PrincipalType == PrincipalType.User && keys.Address.HasValue;
    }

    private bool IsSpraying(AddressActivity activity) =>
        activity.DistinctAccounts >= _options.MinDistinctAccounts &&
        activity.Successes <= _options.MaxSuccessShare * (activity.Failures + activity.Successes);

    private static SignalFinding Finding(double penalty, IdentityEvent identityEvent, AddressActivity activity, string outcome, ScoringContext context)
    {
        var minutes = Math.Max(0, (identityEvent.Timestamp - activity.Since).TotalMinutes);
        var more = activity.DistinctAccounts >= context.SourceAddresses.AccountsPerAddress ? "+" : string.Empty;
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"password spray: {identityEvent.IpAddress} failed on {activity.DistinctAccounts}{more} accounts in {minutes:N0} min ({activity.Failures} failures, {activity.Successes} successes), {outcome}");
        return new SignalFinding(SignalName, penalty, evidence);
    }
}
