using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RiskEngine.Opa.Client;

/// <summary>
/// OPA's Data API for the one document at <see cref="OpaOptions.DataPath"/>: <c>GET</c>, <c>PUT</c> (create or
/// overwrite, parents created as needed) and <c>PATCH</c> (RFC 6902 JSON Patch, applied atomically). Transient
/// failures (no connection, no answer within <see cref="OpaOptions.RequestTimeout"/>, 408, 429, 5xx) are retried
/// with jittered exponential backoff up to <see cref="OpaOptions.MaxAttempts"/> tries, then raise
/// <see cref="OpaUnavailableException"/>; any other error raises <see cref="OpaRequestException"/> at once.
/// </summary>
public sealed partial class OpaDataClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue JsonPatch = new("application/json-patch+json");

    private readonly HttpClient _http;
    private readonly OpaOptions _options;
    private readonly OpaBearerToken _token;
    private readonly ILogger<OpaDataClient> _logger;
    private readonly Uri _documentUri;

    public OpaDataClient(IOptions<OpaOptions> options, OpaBearerToken token, ILogger<OpaDataClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _token = token ?? throw new ArgumentNullException(nameof(token));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var baseUrl = _options.BaseUrl ?? throw new ArgumentException("Opa:BaseUrl is not set, so there is no OPA to talk to.", nameof(options));
        DocumentPath = "/v1/data/" + _options.DataPath;
        // Appended rather than resolved, so an OPA behind a proxy at http://host/opa/ keeps its prefix.
        _documentUri = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + DocumentPath);
        // Timeouts are per try (see SendAsync); a pooled connection is recycled now and then to follow DNS changes.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The document's path on OPA, such as <c>/v1/data/riskengine/revoked</c>.</summary>
    public string DocumentPath { get; }

    /// <summary>The document, or null when OPA has nothing there (OPA answers 200 without a <c>result</c>).</summary>
    public async Task<JsonElement?> GetDocumentAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, content: null, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw Refused(HttpMethod.Get, status, body);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("result", out var result)
                ? result.Clone()
                : null;
        }
        catch (JsonException e)
        {
            throw new OpaRequestException($"OPA answered GET {DocumentPath} with a body that is not JSON: {e.Message}", e);
        }
    }

    /// <summary>Creates or overwrites the document with <paramref name="document"/> (UTF-8 JSON).</summary>
    public async Task PutDocumentAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Put, document, cancellationToken);
        if (status is not (HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            throw Refused(HttpMethod.Put, status, body);
        }
    }

    /// <summary>Applies <paramref name="operations"/> (a UTF-8 JSON array of RFC 6902 operations, paths relative to the document).</summary>
    public async Task<PatchOutcome> PatchDocumentAsync(ReadOnlyMemory<byte> operations, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Patch, operations, cancellationToken);
        return status switch
        {
            HttpStatusCode.NoContent or HttpStatusCode.OK => PatchOutcome.Applied,
            HttpStatusCode.NotFound => PatchOutcome.DocumentMissing,
            _ => throw Refused(HttpMethod.Patch, status, body),
        };
    }

    public void Dispose() => _http.Dispose();

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, ReadOnlyMemory<byte>? content, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan? retryAfter = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var request = new HttpRequestMessage(method, _documentUri);
                    if (content is { } bytes)
                    {
                        request.Content = new ReadOnlyMemoryContent(bytes);
                        request.Content.Headers.ContentType = method == HttpMethod.Patch ? JsonPatch : Json;
                    }

                    if (_token.Current() is { } token)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                    var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                    if (!IsTransient(response.StatusCode))
                    {
                        return (response.StatusCode, body);
                    }

                    failure = $"{(int)response.StatusCode} {ErrorText(body)}";
                    retryAfter = response.Headers.RetryAfter?.Delta;
                }
                catch (HttpRequestException e)
                {
                    failure = e.Message;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer within {_options.RequestTimeout.TotalMilliseconds:0} ms";
                }
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new OpaUnavailableException($"OPA at {_options.BaseUrl} did not take {method} {DocumentPath} after {attempt} tries: {failure}");
            }

            var delay = RetryDelays.For(attempt, _options.RetryInitialDelay, _options.RetryMaxDelay);
            if (retryAfter is { } asked && asked > delay)
            {
                delay = asked < _options.RetryMaxDelay ? asked : _options.RetryMaxDelay;
            }

            var methodName = method.Method;
            LogRetrying(methodName, DocumentPath, attempt, failure, delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private OpaRequestException Refused(HttpMethod method, HttpStatusCode status, byte[] body)
    {
        var (code, message) = ErrorFields(body);
        var hint = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $" OPA did not accept the bearer token from {_token.Source}: check the token and OPA's system.authz policy.",
            HttpStatusCode.NotFound when method == HttpMethod.Put =>
                $" A write conflict: a policy rule or a non-object document already occupies {_options.DataPath} or a parent; choose another Opa:DataPath.",
            _ => string.Empty,
        };
        var detail = code is null && message is null ? ErrorText(body) : $"{code}: {message}";
        return new OpaRequestException(
            $"OPA at {_options.BaseUrl} refused {method.Method} {DocumentPath} with {(int)status} {detail}.{hint}", status, code, message);
    }

    /// <summary>OPA's error body is <c>{"code": ..., "message": ...}</c>; anything else is shown as text, shortened.</summary>
    private static (string? Code, string? Message) ErrorFields(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return (StringProperty(root, "code"), StringProperty(root, "message"));
            }
        }
        catch (JsonException)
        {
            // Not OPA's error shape (a proxy's HTML page, say); ErrorText shows it as it came.
        }

        return (null, null);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ErrorText(byte[] body)
    {
        var (code, message) = ErrorFields(body);
        if (code is not null || message is not null)
        {
            return $"{code}: {message}";
        }

        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).Trim();
        return text.Length == 0 ? "(empty body)" : text;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OPA did not take {Method} {Path} (try {Attempt}: {Failure}); retrying in {DelayMs:0} ms")]
    private partial void LogRetrying(string method, string path, int attempt, string failure, double delayMs);
}
