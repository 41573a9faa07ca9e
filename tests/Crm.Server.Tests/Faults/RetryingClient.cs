using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Server.Tests.Faults;

/// <summary>
/// Calls the API the way a careful integration does under storage faults: every write with its own
/// <c>Idempotency-Key</c>, repeated with the same key while the answer is 503 or a retryable 409 conflict.
/// Keeps every answer it got, so a test can check each was the API's JSON object.
/// </summary>
public sealed class RetryingClient(CrmClient client)
{
    private const int MaxAttempts = 60;

    public ConcurrentBag<CrmResponse> Answers { get; } = [];

    /// <summary>The final answer: a success, or a refusal that is the call's real outcome.</summary>
    public async Task<CrmResponse> WriteAsync(params (string Name, string Value)[] parameters)
    {
        var key = Guid.NewGuid().ToString();
        CrmResponse? response = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/plugins/servlet/crm/api")
            {
                Content = new FormUrlEncodedContent(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))),
            };
            request.Headers.Add("X-Api-Key", CrmTestServer.ApiKey);
            request.Headers.Add("X-Crm-User", CrmTestServer.Admin);
            request.Headers.Add("Idempotency-Key", key);
            response = await client.SendAsync(request);
            Answers.Add(response);
            if (!(response.Status == HttpStatusCode.ServiceUnavailable || (response.Status == HttpStatusCode.Conflict && IsCode(response, "conflict"))))
            {
                return response;
            }
            await Task.Delay(Random.Shared.Next(50, 150) * Math.Min(attempt, 5));
        }
        return response!;
    }

    /// <summary>Every answer is the API's JSON object; a 503 carries Retry-After; none is an internal error.</summary>
    public IReadOnlyList<string> Malformed()
    {
        var problems = new List<string>();
        foreach (var answer in Answers)
        {
            try
            {
                using var json = JsonDocument.Parse(answer.Body);
                if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("success", out _))
                {
                    problems.Add("not the API's object: " + answer);
                }
            }
            catch (JsonException)
            {
                problems.Add("not JSON: " + answer);
                continue;
            }
            if ((int)answer.Status >= 500 && answer.Status != HttpStatusCode.ServiceUnavailable)
            {
                problems.Add("a server error: " + answer);
            }
            if (answer.Status == HttpStatusCode.ServiceUnavailable && answer.RetryAfter is null)
            {
                problems.Add("503 without Retry-After: " + answer);
            }
        }
        return problems;
    }

    private static bool IsCode(CrmResponse response, string code)
    {
        try
        {
            return response.Code == code;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
