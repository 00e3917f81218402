using System.Text.Json;
using RiskEngine.Core.Policy;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// A CAEP <c>assurance-level-change</c>. The engine issues it to ask for a step-up: <see cref="CurrentLevel"/> is
/// the assurance the subject's session must now have (e.g. <c>nist-aal2</c> in the <c>NIST-AAL</c> namespace),
/// which a receiver enforces by sending the user to re-authenticate at it.
/// </summary>
public sealed record AssuranceLevelChange : CaepEvent
{
    /// <summary>The namespace CAEP defines for NIST SP 800-63B authenticator assurance levels.</summary>
    public const string NistAal = "NIST-AAL";

    /// <summary>The namespace of the levels: <see cref="NistAal"/>, another CAEP namespace, or one agreed with the receiver.</summary>
    public required string Namespace { get; init; }

    public required string CurrentLevel { get; init; }

    /// <summary>Null when unknown; CAEP then asks the receiver to assume so.</summary>
    public string? PreviousLevel { get; init; }

    /// <summary>CAEP asks for it whenever <see cref="PreviousLevel"/> is given.</summary>
    public AssuranceChangeDirection? ChangeDirection { get; init; }

    public override string EventType => CaepEventTypes.AssuranceLevelChange;

    /// <summary>A level of the <see cref="NistAal"/> namespace as CAEP's examples spell it: <c>nist-aal1</c> to <c>nist-aal3</c>.</summary>
    public static string NistAalLevel(AuthenticatorAssuranceLevel level) => level switch
    {
        AuthenticatorAssuranceLevel.Aal1 => "nist-aal1",
        AuthenticatorAssuranceLevel.Aal2 => "nist-aal2",
        AuthenticatorAssuranceLevel.Aal3 => "nist-aal3",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a NIST authenticator assurance level."),
    };

    internal override void WriteEventClaims(Utf8JsonWriter writer)
    {
        writer.WriteString("namespace"u8, Namespace);
        writer.WriteString("current_level"u8, CurrentLevel);
        if (!string.IsNullOrEmpty(PreviousLevel))
        {
            writer.WriteString("previous_level"u8, PreviousLevel);
        }

        if (ChangeDirection is { } direction)
        {
            writer.WriteString("change_direction"u8, direction == AssuranceChangeDirection.Increase ? "increase"u8 : "decrease"u8);
        }
    }

    internal override void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Namespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(CurrentLevel);
        if (ChangeDirection is { } direction && !Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(ChangeDirection), direction, "Not a change direction.");
        }
    }
}
