namespace RiskEngine.Cli.Measurement;

/// <summary>A directory for one run's files (the SSF outbox, its token file), deleted with everything in it afterwards.</summary>
public sealed class TemporaryWorkDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("riskengine-measure-");

    public string Path => _directory.FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => _directory.Delete(recursive: true);
}
