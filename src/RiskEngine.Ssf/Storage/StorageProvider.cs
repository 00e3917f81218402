namespace RiskEngine.Ssf.Storage;

public enum StorageProvider
{
    /// <summary>A SQLite file in <see cref="SsfStorageOptions.DataDirectory"/>: one instance, nothing to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by every instance of the engine.</summary>
    PostgreSql,
}
