using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Storage;

/// <summary>
/// Where a store's tables live: a SQLite file by default, or a PostgreSQL database. The PostgreSQL connection string
/// never comes from a configuration file: it is read from <see cref="ConnectionStringFile"/> or the environment
/// variable named here.
/// </summary>
public sealed class DatabaseOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The directory of the SQLite file; unset, <c>$XDG_DATA_HOME/riskengine</c> or <c>~/.local/share/riskengine</c>.</summary>
    public string? DataDirectory { get; set; }

    [Required]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "SqliteFileName is a file name, not a path; the directory is DataDirectory.")]
    public string SqliteFileName { get; set; } = "riskengine.db";

    /// <summary>A file holding the PostgreSQL connection string (a mounted secret).</summary>
    public string? ConnectionStringFile { get; set; }

    [Required]
    public string ConnectionStringEnvironmentVariable { get; set; } = "RISKENGINE_POSTGRES";

    /// <summary>Why these settings cannot open a database, with <paramref name="section"/> naming them; null when they can.</summary>
    public string? MissingConnectionString(string section) =>
        Provider == StorageProvider.PostgreSql && string.IsNullOrEmpty(ConnectionStringFile)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionStringEnvironmentVariable))
            ? $"{section}:Provider is PostgreSql but no connection string is given: set {section}:ConnectionStringFile or the {ConnectionStringEnvironmentVariable} environment variable."
            : null;

    /// <summary>The database these settings name, its directory created when it is a SQLite file.</summary>
    public ISqlDialect CreateDialect()
    {
        if (Provider == StorageProvider.PostgreSql)
        {
            var connectionString = ConnectionStringFile is { Length: > 0 } file
                ? File.ReadAllText(file).Trim()
                : Environment.GetEnvironmentVariable(ConnectionStringEnvironmentVariable);
            return new PostgreSqlDialect(connectionString is { Length: > 0 }
                ? connectionString
                : throw new InvalidOperationException($"No PostgreSQL connection string: ConnectionStringFile is unset or empty and so is {ConnectionStringEnvironmentVariable}."));
        }

        var directory = DataDirectory ?? Path.Combine(
            Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg)
                ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "riskengine");
        Directory.CreateDirectory(directory);
        return new SqliteDialect(Path.Combine(directory, SqliteFileName));
    }
}
