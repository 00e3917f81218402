namespace RiskEngine.Simulation.Decisions;

/// <summary>
/// A document service's PEP asking OPA whether a user may act on a document, in the input shape of a subject,
/// a resource object with its classification, the session and the address the user came from.
/// </summary>
internal sealed record DocumentDecision(
    DateTimeOffset Time,
    string DecisionId,
    string UserId,
    string? SessionId,
    string IpAddress,
    string Action,
    string DocumentId,
    string Classification,
    bool Allowed,
    string? DenyReason,
    string PepAddress,
    long RequestNumber);
