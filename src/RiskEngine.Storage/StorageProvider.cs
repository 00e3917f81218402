namespace RiskEngine.Storage;

public enum StorageProvider
{
    /// <summary>A SQLite file in <see cref="DatabaseOptions.DataDirectory"/>: one instance, nothing to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by every instance of the engine.</summary>
    PostgreSql,
}
