using System.Threading.RateLimiting;
using Crm.Core.Errors;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>What the <c>RateLimit-Policy</c> and <c>RateLimit</c> headers report: the policy, and the caller's bucket after this call.</summary>
public sealed record RateLimitState(int Quota, int WindowSeconds, long Remaining, int NextTokenSeconds);

/// <summary>
/// One token bucket per key (named key: per key; shared key: per key and user) of <see cref="RateLimitOptions.PerMinute"/>
/// requests a minute with the same burst, on this instance. System.Threading.RateLimiting's partitioned limiter refills
/// every bucket continuously (its own 100 ms timer) and drops buckets that stay full.
/// </summary>
public sealed class KeyRateLimiter : IDisposable
{
    public const int WindowSeconds = 60;

    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly int _quota;

    public KeyRateLimiter(IOptions<RateLimitOptions> options)
    {
        _quota = options.Value.PerMinute;
        if (_quota < 0)
        {
            throw new OptionsValidationException(RateLimitOptions.SectionName, typeof(RateLimitOptions),
                [$"{RateLimitOptions.SectionName}:PerMinute must be 0 (off) or more, not {_quota}."]);
        }
        if (_quota > 0)
        {
            var bucket = new TokenBucketRateLimiterOptions
            {
                TokenLimit = _quota,
                // One token per period: the lease's Retry-After is a whole number of periods, so a short period keeps it exact.
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.FromSeconds(WindowSeconds).Ticks / _quota),
                // The partitioned limiter's timer replenishes; tokens accrue in proportion to the time passed.
                AutoReplenishment = false,
                QueueLimit = 0,
            };
            _limiter = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetTokenBucketLimiter(partition, _ => bucket));
        }
    }

    public bool Enabled => _limiter is not null;

    /// <summary>The state of a caller that has not consumed anything (no key recognized); null when rate limiting is off.</summary>
    public RateLimitState? Untouched => _limiter is null ? null : new RateLimitState(_quota, WindowSeconds, _quota, 0);

    /// <summary>Takes one request from the caller's bucket; reports the state, then throws <c>too_many_requests</c> when the bucket was empty.</summary>
    public void Acquire(ApiKey key, string? login, Action<RateLimitState>? report)
    {
        if (_limiter is null)
        {
            return;
        }
        var partition = key.Kind == ApiKeyKind.Named ? key.Id : key.Id + "|" + (login ?? "").Trim().ToLowerInvariant();
        using var lease = _limiter.AttemptAcquire(partition);
        var remaining = _limiter.GetStatistics(partition)?.CurrentAvailablePermits ?? 0;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds((double)WindowSeconds / _quota);
        var nextToken = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        report?.Invoke(new RateLimitState(_quota, WindowSeconds, remaining, nextToken));
        if (!lease.IsAcquired)
        {
            throw new CrmException(ErrorCode.TooManyRequests,
                $"This key has used its {_quota} requests a minute; retry after {nextToken} s. The limit is per key (the shared key: per key and user).")
            {
                RetryAfter = TimeSpan.FromSeconds(nextToken),
            };
        }
    }

    public void Dispose() => _limiter?.Dispose();
}
