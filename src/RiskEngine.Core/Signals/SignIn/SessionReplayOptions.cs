using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>A session or token id the identity already held, presented again from elsewhere: a stolen cookie or token replayed.</summary>
public sealed class SessionReplayOptions
{
    /// <summary>How many recent sessions and tokens each identity remembers (16 bytes each), with where each was first seen.</summary>
    [Range(1, 32)]
    public int RememberedSessions { get; set; } = 4;

    [Range(0, 100)]
    public double Penalty { get; set; } = 40;
}
