using RiskEngine.Core.Events;

namespace RiskEngine.ReferenceData.Training;

/// <summary>The decoded events of some event files, in event-time order, and how many records were refused or skipped.</summary>
public sealed record EventFileContents(IReadOnlyList<IdentityEvent> Events, long Rejected, long Skipped);
