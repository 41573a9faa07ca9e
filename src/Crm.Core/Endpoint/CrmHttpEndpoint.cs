using System.Text.Json;
using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Core.Telemetry;
using Crm.Storage.Entries;
using Crm.Storage.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Crm.Core.Endpoint;

/// <summary>
/// <c>/plugins/servlet/crm/api</c> on any ASP.NET Core host: parameters from query and form, credentials
/// from headers or parameters, the answer as JSON, every failure as the error object of docs/api.md#answers-and-errors; on every answer the headers of
/// <see cref="ResponseHeaders"/>.
/// </summary>
public sealed class CrmHttpEndpoint(CrmApi api, KeyRateLimiter rateLimiter, ILogger<CrmHttpEndpoint> logger)
{
    public const string Route = "/plugins/servlet/crm/api";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string UserHeader = "X-Crm-User";

    // Relaxed escaping keeps names like "Müller" or "O'Brien" readable; the answer is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = RequestLimits.MaxParameters,
        KeyLengthLimit = RequestLimits.MaxParameterNameLength,
        // The body limit bounds values; the form reader's own default (4 MiB per value) would answer a different error first.
        ValueLengthLimit = int.MaxValue,
        MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes,
    };

    /// <param name="pathCommand">The command named by the path (<c>/plugins/servlet/crm/api/&lt;command&gt;</c>), read as a <c>command</c> parameter.</param>
    public async Task HandleAsync(HttpContext http, string? pathCommand = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        string? errorCode = "aborted";
        try
        {
            errorCode = await HandleCoreAsync(http, pathCommand);
        }
        finally
        {
            CrmRequestTelemetry.Tag(http, errorCode);
            // The hosts' own request logging is silenced (SecretLogFilter): this line replaces it, with the key redacted.
            logger.LogInformation("{Method} {Path}{Query} answered {Status}{Code} in {ElapsedMs:0} ms (trace {TraceId})",
                http.Request.Method, http.Request.Path.Value, SecretRedaction.Query(http.Request.QueryString.Value),
                http.Response.StatusCode, errorCode is null ? "" : " " + errorCode,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, http.TraceIdentifier);
        }
    }

    /// <summary>Answers the call; returns the error code sent, or null for a success.</summary>
    private async Task<string?> HandleCoreAsync(HttpContext http, string? pathCommand)
    {
        var cancellation = http.RequestAborted;
        ResponseHeaders.SetFixed(http.Response);
        if (rateLimiter.Untouched is { } untouched)
        {
            // Replaced by the caller's own bucket once its key is known.
            ResponseHeaders.SetRateLimit(http.Response, untouched);
        }
        CommandResult? result = null;
        try
        {
            var parameters = await ReadParametersAsync(http, PathParameters(pathCommand), cancellation);
            var caller = new CallerCredentials(
                FirstNonEmpty(http.Request.Headers[ApiKeyHeader], parameters.Get("apiKey")),
                FirstNonEmpty(http.Request.Headers[UserHeader], parameters.Get("userName")))
            {
                IdempotencyKey = FirstNonEmpty(http.Request.Headers[Idempotency.IdempotentCalls.Header], parameters.Get(Idempotency.IdempotentCalls.Parameter)),
            };
            result = await api.ExecuteAsync(parameters, caller, cancellation, state => ResponseHeaders.SetRateLimit(http.Response, state));
            await result.PrepareAsync(cancellation);
        }
        catch (Exception failure) when (ToError(failure, http) is { } error)
        {
            await WriteErrorAsync(http, error);
            return error.Code.Wire();
        }
        try
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            if (result.ETag is { } etag)
            {
                http.Response.Headers.ETag = etag;
            }
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(http.Response.Body, WriterOptions);
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            await result.WritePropertiesAsync(writer, cancellation);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellation);
        }
        catch (Exception failure) when (!cancellation.IsCancellationRequested)
        {
            // The status line is already sent: cut the connection so the client sees a broken answer, not a short list.
            logger.LogError(failure, "A streamed answer failed after it started (trace {TraceId}).", http.TraceIdentifier);
            http.Abort();
            return "aborted";
        }
        finally
        {
            if (result is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
        return null;
    }

    /// <summary>Query string and form body; the body only within <see cref="RequestLimits"/>, and only after a key sent outside it passed.</summary>
    private async Task<RequestParameters> ReadParametersAsync(HttpContext http, KeyValuePair<string, StringValues>[] fromPath, CancellationToken cancellation)
    {
        var request = http.Request;
        if (!request.HasFormContentType)
        {
            return RequestParameters.From(fromPath, request.Query, IfMatchHeader.AsParameter(request));
        }
        if (request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            throw TooLarge();
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // A chunked body has no length to check up front: the server stops reading at the limit.
            bodySize.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        }
        if (FirstNonEmpty(request.Headers[ApiKeyHeader], request.Query["apiKey"]) is { Length: > 0 } key)
        {
            await api.RefuseUnknownKeyAsync(key, cancellation);
        }
        http.Features.Set<IFormFeature>(new FormFeature(request, FormLimits));
        var form = await request.ReadFormAsync(cancellation);
        return RequestParameters.From(fromPath, request.Query, form, IfMatchHeader.AsParameter(request));
    }

    /// <summary>A command in the path counts as a <c>command</c> parameter: the same one in the query is accepted, another is a <c>bad_request</c>.</summary>
    private static KeyValuePair<string, StringValues>[] PathParameters(string? pathCommand) =>
        pathCommand is null ? [] : [new("command", pathCommand)];

    private static CrmException TooLarge() => new(ErrorCode.TooLarge,
        "The request body is over the limit of 4 MiB (4,194,304 bytes); send less in one call.");

    private static string? FirstNonEmpty(string? header, string? parameter) =>
        !string.IsNullOrEmpty(header) ? header : parameter;

    private CrmException? ToError(Exception failure, HttpContext http)
    {
        switch (failure)
        {
            case CrmException crm:
                return crm;
            case OperationCanceledException when http.RequestAborted.IsCancellationRequested:
                return null;
            case StorageLimitException limit:
                return CrmException.BadRequest(limit.Message);
            case WriteConflictException conflict:
                return new CrmException(ErrorCode.Conflict, conflict.Message);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return TooLarge();
            case InvalidDataException or BadHttpRequestException:
                return CrmException.BadRequest("The request body is not a valid form: " + failure.Message);
            case var _ when StorageOutage.IsOutage(failure, http.RequestAborted):
                logger.LogWarning("Storage unreachable (trace {TraceId}): {Reason}", http.TraceIdentifier, failure.Message);
                return CrmException.Unavailable("The storage did not answer; nothing was written. Try again shortly.");
            default:
                logger.LogError(failure, "Unexpected failure (trace {TraceId}).", http.TraceIdentifier);
                return new CrmException(ErrorCode.Internal, $"An internal error occurred; quote request id {http.TraceIdentifier} when reporting it.");
        }
    }

    private static async Task WriteErrorAsync(HttpContext http, CrmException error)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }
        http.Response.StatusCode = error.Code.HttpStatus();
        http.Response.ContentType = "application/json; charset=utf-8";
        if (error.CurrentETag is { } current)
        {
            http.Response.Headers.ETag = current;
        }
        if (error.RetryAfter is { } retry)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await using var writer = new Utf8JsonWriter(http.Response.Body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteBoolean("success", false);
        writer.WriteString("details", RequestLimits.Cut(error.Details, RequestLimits.MaxDetailsLength));
        writer.WriteString("code", error.Code.Wire());
        if (error.ExistingId is not null)
        {
            writer.WriteString("existingId", error.ExistingId);
        }
        writer.WriteEndObject();
        await writer.FlushAsync();
    }
}
