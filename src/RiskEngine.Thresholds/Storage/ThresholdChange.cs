namespace RiskEngine.Thresholds.Storage;

/// <summary>Who changes the thresholds and why; both are kept with the version forever.</summary>
public sealed record ThresholdChange(string Author, string Reason)
{
    public const int MaxLength = 500;

    /// <summary>Why this change cannot be recorded, or null when it can.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Author) ? "an author is required"
        : string.IsNullOrWhiteSpace(Reason) ? "a reason is required"
        : Author.Length > MaxLength || Reason.Length > MaxLength ? $"author and reason are at most {MaxLength} characters"
        : null;
}
