using System.Diagnostics;
using Crm.Core.Endpoint;
using OpenTelemetry;

namespace Crm.Core.Telemetry;

/// <summary>
/// Runs before every exporter and removes API keys from the span name and the URL attributes of any span: the
/// request's own URL, and the URLs of outgoing calls (Azure SDK, HttpClient), whatever instrumentation set them.
/// </summary>
public sealed class SecretRedactionProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url", "url.original"];
    private static readonly string[] QueryTags = ["url.query", "http.target"];

    public override void OnEnd(Activity data)
    {
        if (data.DisplayName.Contains('?', StringComparison.Ordinal))
        {
            data.DisplayName = SecretRedaction.Url(data.DisplayName);
        }
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, SecretRedaction.Url(url));
            }
        }
        foreach (var tag in QueryTags)
        {
            if (data.GetTagItem(tag) is string query)
            {
                data.SetTag(tag, SecretRedaction.Url(query));
            }
        }
    }
}
