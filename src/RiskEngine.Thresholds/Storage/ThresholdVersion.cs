using RiskEngine.Core.Trust;

namespace RiskEngine.Thresholds.Storage;

/// <summary>One stored version of the thresholds: who set it, when and why; a rollback names the version it restored.</summary>
public sealed record ThresholdVersion(int Version, ThresholdSettings Thresholds, string Author, string Reason, DateTimeOffset CreatedAt, int? RolledBackFrom);
