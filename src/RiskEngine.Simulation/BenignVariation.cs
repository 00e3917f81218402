namespace RiskEngine.Simulation;

/// <summary>The one harmless irregularity a benign identity shows, which must not look like a takeover.</summary>
internal enum BenignVariation
{
    None,

    /// <summary>One mistyped password, then success a minute later.</summary>
    Typo,

    /// <summary>One trip to another city, at a speed an aircraft can manage.</summary>
    Travel,

    /// <summary>One sign-in from a new phone at home.</summary>
    NewDevice,
}
