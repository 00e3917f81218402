using System.ComponentModel.DataAnnotations;
using RiskEngine.Core.Identity.Checkpoints;

namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// Checkpoints of the scoring stage's identity state in the analysts' database ("Database"), so a restarted or
/// new instance resumes a partition with the state it had instead of empty state. Bound from "Checkpoints".
/// </summary>
public sealed class CheckpointOptions
{
    public const string SectionName = "Checkpoints";

    /// <summary>Off: identities start from empty state whenever a partition is assigned, as before checkpoints.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often each partition scored since its last checkpoint is saved, besides when it is revoked or the engine
    /// stops. After a crash, the events since the last checkpoint are scored again (their SETs again, same jti).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The size a checkpoint's rows aim at: a row ends after the identity that reaches it.</summary>
    [Range(4096, 64 << 20)]
    public int ChunkBytes { get; set; } = IdentityCheckpoint.DefaultChunkBytes;
}
