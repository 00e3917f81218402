namespace RiskEngine.ReferenceData.Tests;

/// <summary>A test class whose tests work in a directory of their own, deleted afterwards.</summary>
public abstract class InTemporaryDirectory : IDisposable
{
    protected string WorkDirectory { get; } = Directory.CreateTempSubdirectory("riskengine-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(WorkDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
