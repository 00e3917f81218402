using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// Sign-ins from anonymizing networks: Tor exits, anonymous proxies and the hosting ranges they rent, listed in a
/// text file (<see cref="File"/>), one entry per line:
/// <code>
/// # Tor exits and proxies, from our threat-intel feed
/// 185.220.101.0/24      # IPv4 CIDR
/// 2001:67c:6ec::/48     # IPv6 CIDR
/// 192.42.116.16         # one address (/32, or /128)
/// AS9009                # an autonomous system: every address it announces
/// </code>
/// '#' starts a comment; blank lines are ignored. The file is re-read when it changes; a version with a bad line is
/// refused as a whole (and logged), and the list before it stays in force.
/// </summary>
public sealed class AnonymizingNetworksOptions
{
    /// <summary>The list file; none means no network is listed and the signal never fires.</summary>
    public string? File { get; set; }

    /// <summary>How often the file is checked for a change (its modification time or size).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(0, 100)]
    public double Penalty { get; set; } = 25;
}
