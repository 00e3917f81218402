namespace RiskEngine.Testing;

/// <summary>A directory deleted with everything in it when the test ends.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("riskengine-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process being torn down; the temporary directory is cleaned up eventually.
        }
    }
}
