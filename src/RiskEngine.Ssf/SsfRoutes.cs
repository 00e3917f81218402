namespace RiskEngine.Ssf;

/// <summary>The paths of the transmitter's endpoints below <see cref="SsfOptions.RoutePrefix"/>.</summary>
public static class SsfRoutes
{
    public const string Stream = "/stream";
    public const string Status = "/status";
    public const string AddSubject = "/subjects:add";
    public const string RemoveSubject = "/subjects:remove";
    public const string Verify = "/verify";

    /// <summary>Followed by the stream id: where a poll stream's receiver polls (RFC 8936).</summary>
    public const string Poll = "/poll/";

    /// <summary>The SETs of a stream its receiver refused or that were given up on, with their errors.</summary>
    public const string Rejected = "/rejected";
}
