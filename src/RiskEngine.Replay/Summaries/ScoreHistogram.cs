using RiskEngine.Core.Trust;

namespace RiskEngine.Replay.Summaries;

/// <summary>
/// How many scored events left their identity at each score, in buckets of <see cref="BucketWidth"/> points, by the
/// risk level the score had. Fixed size whatever the number of events.
/// </summary>
public sealed class ScoreHistogram
{
    public const int BucketWidth = 5;

    /// <summary>0-4.99, 5-9.99, ... 95-100: a score of exactly 100 counts in the last bucket.</summary>
    public const int Buckets = 100 / BucketWidth;

    private static readonly RiskLevel[] Levels = Enum.GetValues<RiskLevel>();

    private readonly long[,] _counts = new long[Levels.Length, Buckets];

    public static IReadOnlyList<RiskLevel> AllLevels => Levels;

    public void Add(double score, RiskLevel level) =>
        _counts[(int)level, Math.Clamp((int)(score / BucketWidth), 0, Buckets - 1)]++;

    public long Count(RiskLevel level, int bucket) => _counts[(int)level, bucket];

    public long Count(RiskLevel level)
    {
        var total = 0L;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            total += _counts[(int)level, bucket];
        }

        return total;
    }

    public static double LowerBound(int bucket) => bucket * BucketWidth;
}
