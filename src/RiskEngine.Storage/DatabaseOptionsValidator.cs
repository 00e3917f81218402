using Microsoft.Extensions.Options;

namespace RiskEngine.Storage;

/// <summary>Refuses a PostgreSQL database with no connection string, naming where one could come from.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MissingConnectionString(StorageServiceCollectionExtensions.SectionName) is { } missing
            ? ValidateOptionsResult.Fail(missing)
            : ValidateOptionsResult.Success;
    }
}
