namespace RiskEngine.Ssf.Streams;

/// <summary>SSF's <c>default_subjects</c>: which subjects a stream carries before any is added or removed.</summary>
public enum DefaultSubjects
{
    /// <summary>Every subject, until it is removed.</summary>
    All,

    /// <summary>No subject, until it is added.</summary>
    None,
}
