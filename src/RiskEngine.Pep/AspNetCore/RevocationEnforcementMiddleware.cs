using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using RiskEngine.Pep.Revocations;
using RiskEngine.Pep.Subscription;

namespace RiskEngine.Pep.AspNetCore;

/// <summary>
/// Runs after authentication: a request whose principal's session or user is revoked gets 401 with
/// <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750 §3), so a client discards its token and signs in
/// again. Anonymous requests pass; authorization decides about them.
/// </summary>
public sealed partial class RevocationEnforcementMiddleware
{
    internal const string SessionRevokedChallenge = "Bearer error=\"invalid_token\", error_description=\"The session has been revoked\"";
    internal const string UserRevokedChallenge = "Bearer error=\"invalid_token\", error_description=\"The user's sessions have been revoked; sign in again\"";

    private readonly RequestDelegate _next;
    private readonly PrincipalRevocationMatcher _matcher;
    private readonly PepMetrics _metrics;
    private readonly ILogger<RevocationEnforcementMiddleware> _logger;

    public RevocationEnforcementMiddleware(RequestDelegate next, PrincipalRevocationMatcher matcher, PepMetrics metrics, ILogger<RevocationEnforcementMiddleware> logger)
    {
        _next = next ?? throw new ArgumentNullException(nameof(next));
        _matcher = matcher ?? throw new ArgumentNullException(nameof(matcher));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true || _matcher.Find(context.User) is not { } revocation)
        {
            return _next(context);
        }

        _metrics.Refused();
        string subject = revocation.Subject.ToString();
        LogRefused(_logger, context.Request.Path, revocation.Scope, subject, revocation.Jti);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] =
            revocation.Scope == RevocationScope.Session ? SessionRevokedChallenge : UserRevokedChallenge;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Path}: {Scope} {Subject} is revoked (SET {Jti})")]
    private static partial void LogRefused(ILogger logger, PathString path, RevocationScope scope, string subject, string jti);
}
