using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Crm.Core.Sync;

/// <summary>
/// GETs one page of a Jira REST resource as JSON through the retry pipeline. Failures become
/// <see cref="DirectoryUnavailableException"/> whose summary names the kind of failure only; the log message
/// keeps the path and the underlying error.
/// </summary>
internal sealed class JiraPages(HttpClient http, Uri baseUri, AuthenticationHeaderValue authorization, ResiliencePipeline<HttpResponseMessage> pipeline, JiraOptions options)
{
    /// <summary>The page, or null for a 404 when <paramref name="missingIsNull"/> (a group that does not exist).</summary>
    public async Task<JsonDocument?> GetAsync(string pathAndQuery, CancellationToken cancellationToken, bool missingIsNull = false)
    {
        var uri = new Uri(baseUri, pathAndQuery);
        var path = uri.AbsolutePath;
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = authorization;
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new DirectoryUnavailableException(
                $"Jira did not answer in time (tried {options.MaxRetries + 1} times).",
                $"Jira did not answer {path} within {options.RequestTimeout.TotalSeconds:0.###} s (tried {options.MaxRetries + 1} times).", timeout);
        }
        catch (HttpRequestException failure)
        {
            throw new DirectoryUnavailableException("Jira could not be reached.", $"Jira could not be reached at {uri.GetLeftPart(UriPartial.Authority)}: {failure.Message}", failure);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && missingIsNull)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var summary = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                        $"Jira refused the credentials (HTTP {status}): check {JiraOptions.SectionName}:Edition, Email, Groups and the token's permissions.",
                    HttpStatusCode.TooManyRequests => "Jira kept limiting requests (HTTP 429).",
                    _ => $"Jira answered HTTP {status}.",
                };
                throw new DirectoryUnavailableException(summary, $"{summary} ({path})");
            }
            try
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            }
            catch (JsonException failure)
            {
                throw new DirectoryUnavailableException("Jira's answer was not JSON.", $"Jira's answer to {path} is not JSON.", failure);
            }
        }
    }

    public static DirectoryUnavailableException Unexpected(string pathAndQuery) =>
        new("Jira's answer does not have the expected shape.", $"Jira's answer to {pathAndQuery.Split('?')[0]} does not have the expected shape.");
}
