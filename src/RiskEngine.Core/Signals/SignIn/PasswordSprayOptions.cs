using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// One source address failing to sign in to many accounts, a few attempts each: password spraying. Windows are
/// event time. Each scoring instance sees the accounts of its own partitions only (see
/// <see cref="PasswordSpraySignal"/>), so lower <see cref="MinDistinctAccounts"/> as instances are added.
/// </summary>
public sealed class PasswordSprayOptions
{
    /// <summary>Distinct accounts one address must fail on within the window to be taken for a sprayer.</summary>
    [Range(3, 64)]
    public int MinDistinctAccounts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// An address whose attempts succeed more often than this is an office or a carrier's NAT, where many people
    /// mistype now and then, not a sprayer, whose guesses nearly all fail.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxSuccessShare { get; set; } = 0.1;

    /// <summary>
    /// How many source addresses each scoring instance tracks; when full, the address seen longest ago (among a few
    /// candidates) makes room, so millions of addresses cost a fixed table: about 124 bytes an address, 8 MiB for the default.
    /// </summary>
    [Range(1024, 16_777_216)]
    public int TrackedAddresses { get; set; } = 65_536;

    /// <summary>Taken from each account a spraying address fails on: it is targeted, not yet taken.</summary>
    [Range(0, 100)]
    public double TargetedPenalty { get; set; } = 10;

    /// <summary>Taken from an account a spraying address signs in to: one of the guesses worked.</summary>
    [Range(0, 100)]
    public double SuccessPenalty { get; set; } = 50;
}
