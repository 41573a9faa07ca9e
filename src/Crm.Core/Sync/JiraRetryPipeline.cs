using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Crm.Core.Sync;

/// <summary>
/// The Polly pipeline every Jira request goes through: a per-attempt timeout inside a retry of transient
/// failures (429, 408, 5xx, timeouts, connection errors) with exponential backoff and jitter, where a
/// <c>Retry-After</c> header sets the wait instead.
/// </summary>
internal static class JiraRetryPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(JiraOptions options, TimeProvider clock, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, options, clock)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock)),
                OnRetry = args =>
                {
                    logger.LogWarning("Jira request failed ({Failure}); retry {Attempt} of {Max} in {Delay}.",
                        Describe(args.Outcome), args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay);
                    return default;
                },
            });
        }
        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    /// <summary>The wait a 429 or 503 asks for, as a delay or a date; null when it names none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, JiraOptions options, TimeProvider clock)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }
        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || (status >= 500 && response.StatusCode is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));
        // Waiting longer than we are willing to would only hold the lease; the next scheduled run tries again.
        return transient && !(RetryAfter(response, clock) > options.MaxRetryAfter);
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } failure ? failure.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
