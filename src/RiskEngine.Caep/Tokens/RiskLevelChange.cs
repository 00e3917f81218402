using System.Text.Json;

namespace RiskEngine.Caep.Tokens;

/// <summary>A CAEP <c>risk-level-change</c>: the subject's risk is now <see cref="CurrentLevel"/>.</summary>
public sealed record RiskLevelChange : CaepEvent
{
    public required RiskPrincipal Principal { get; init; }

    public required CaepRiskLevel CurrentLevel { get; init; }

    /// <summary>The level receivers were last told; null when they were told none, which CAEP reads as unknown.</summary>
    public CaepRiskLevel? PreviousLevel { get; init; }

    /// <summary>The RECOMMENDED <c>risk_reason</c>: a short code, e.g. the names of the signals behind the change.</summary>
    public string? RiskReason { get; init; }

    public override string EventType => CaepEventTypes.RiskLevelChange;

    internal override void WriteEventClaims(Utf8JsonWriter writer)
    {
        writer.WriteString("principal"u8, Principal switch
        {
            RiskPrincipal.User => "USER"u8,
            RiskPrincipal.Device => "DEVICE"u8,
            RiskPrincipal.Session => "SESSION"u8,
            RiskPrincipal.Tenant => "TENANT"u8,
            RiskPrincipal.OrgUnit => "ORG_UNIT"u8,
            RiskPrincipal.Group => "GROUP"u8,
            RiskPrincipal.Application => "APPLICATION"u8,
            _ => throw new InvalidOperationException($"Unknown principal {Principal}."),
        });
        writer.WriteString("current_level"u8, LevelName(CurrentLevel));
        if (PreviousLevel is { } previous)
        {
            writer.WriteString("previous_level"u8, LevelName(previous));
        }

        if (!string.IsNullOrEmpty(RiskReason))
        {
            writer.WriteString("risk_reason"u8, RiskReason);
        }
    }

    internal override void Validate()
    {
        if (!Enum.IsDefined(Principal) || !Enum.IsDefined(CurrentLevel) || (PreviousLevel is { } previous && !Enum.IsDefined(previous)))
        {
            throw new ArgumentOutOfRangeException(nameof(CurrentLevel), $"Not a CAEP risk principal and levels: {Principal}, {CurrentLevel}, {PreviousLevel}.");
        }
    }

    /// <summary>The level as CAEP writes it: <c>LOW</c>, <c>MEDIUM</c> or <c>HIGH</c>.</summary>
    public static string LevelName(CaepRiskLevel level) => level switch
    {
        CaepRiskLevel.Low => "LOW",
        CaepRiskLevel.Medium => "MEDIUM",
        CaepRiskLevel.High => "HIGH",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a CAEP risk level."),
    };
}
