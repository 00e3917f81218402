namespace RiskEngine.Audit;

/// <summary>The "Audit" section: whether the engine records every SET it issues in the analysts' database ("Database").</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public bool Enabled { get; set; } = true;
}
