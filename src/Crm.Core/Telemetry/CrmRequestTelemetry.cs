using System.Diagnostics;
using Crm.Core.Endpoint;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Core.Telemetry;

/// <summary>What a request span tells about a CRM call: the command and the error code it answered, and its URL without the key.</summary>
public static class CrmRequestTelemetry
{
    public const string CommandTag = "crm.command";
    public const string ErrorCodeTag = "crm.error_code";

    // Longer values are not command names; the span need not carry whatever a caller sent.
    private const int MaxCommandLength = 64;

    /// <summary>Tags the request's span (if it is recorded) with the command and, for a refused call, its error code.</summary>
    public static void Tag(HttpContext http, string? errorCode)
    {
        var activity = http.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }
        var command = CommandOf(http.Request);
        if (!string.IsNullOrEmpty(command))
        {
            activity.SetTag(CommandTag, command.Length <= MaxCommandLength ? command : command[..MaxCommandLength]);
        }
        if (errorCode is not null)
        {
            activity.SetTag(ErrorCodeTag, errorCode);
        }
    }

    /// <summary>Replaces the instrumentation's query (every value blanked) with one where only the secrets are masked.</summary>
    internal static void RedactUrl(Activity activity, HttpRequest request)
    {
        if (request.QueryString.HasValue)
        {
            activity.SetTag("url.query", SecretRedaction.Query(request.QueryString.Value));
        }
    }

    // The form is only looked at when the endpoint already read it: tagging must not read a body.
    private static string? CommandOf(HttpRequest request)
    {
        var fromQuery = request.Query["command"].ToString();
        return fromQuery.Length > 0 ? fromQuery : request.HttpContext.Features.Get<IFormFeature>()?.Form?["command"].ToString();
    }
}
