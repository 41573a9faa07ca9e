using System.Globalization;
using Crm.Core.Access;
using Microsoft.AspNetCore.Http;

namespace Crm.Core.Endpoint;

/// <summary>
/// Headers of every API answer. CRM data must not sit in shared caches (and a GET may carry the key in its query), so
/// nothing is stored; the JSON is never sniffed as something else. The rate limit fields follow the IETF draft
/// "RateLimit header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers-11): <c>RateLimit-Policy: "perkey";q=1200;w=60</c>
/// and <c>RateLimit: "perkey";r=&lt;available&gt;;t=&lt;seconds until the next request is added&gt;</c>.
/// </summary>
public static class ResponseHeaders
{
    public const string PolicyName = "perkey";

    public static void SetFixed(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    public static void SetRateLimit(HttpResponse response, RateLimitState state)
    {
        response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";q={state.Quota};w={state.WindowSeconds}");
        response.Headers["RateLimit"] = state.Remaining >= state.Quota
            ? string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";r={state.Remaining}")
            : string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";r={state.Remaining};t={state.NextTokenSeconds}");
    }
}
