using Microsoft.Extensions.Logging;

namespace RiskEngine.ReferenceData.Reloading;

internal static partial class ReloadingFileLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Reloaded {Path}: the new version is in force")]
    public static partial void Reloaded(this ILogger logger, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Could not reload {Path}, keeping the version in force: {Reason}")]
    public static partial void ReloadFailed(this ILogger logger, string path, string reason);
}
