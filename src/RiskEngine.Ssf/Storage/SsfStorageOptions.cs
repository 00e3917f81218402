using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Ssf.Storage;

/// <summary>
/// Where streams, subjects and the outbox live. The PostgreSQL connection string never comes from a configuration
/// file: it is read from <see cref="ConnectionStringFile"/> or the environment variable named here.
/// </summary>
public sealed class SsfStorageOptions
{
    public const string DefaultConnectionStringEnvironmentVariable = "RISKENGINE_SSF_POSTGRES";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The directory of the SQLite file; unset, <c>$XDG_DATA_HOME/riskengine</c> or <c>~/.local/share/riskengine</c>.</summary>
    public string? DataDirectory { get; set; }

    [Required]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "SqliteFileName is a file name, not a path; the directory is DataDirectory.")]
    public string SqliteFileName { get; set; } = "ssf.db";

    /// <summary>A file holding the PostgreSQL connection string (a mounted secret).</summary>
    public string? ConnectionStringFile { get; set; }

    [Required]
    public string ConnectionStringEnvironmentVariable { get; set; } = DefaultConnectionStringEnvironmentVariable;
}
