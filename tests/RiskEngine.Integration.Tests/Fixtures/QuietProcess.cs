namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>
/// Tests that measure what this process's threads do, run after every other collection and alone, so that no other
/// test's engine is busy beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietProcess
{
    public const string Name = "quiet process";
}
