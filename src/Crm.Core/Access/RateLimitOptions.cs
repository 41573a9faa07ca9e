namespace Crm.Core.Access;

/// <summary>Section <c>Crm:RateLimits</c>: the per-key token bucket of each instance.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Crm:RateLimits";

    /// <summary>Requests a minute per key (shared key: per key and user), also the burst; 0 turns rate limiting off.</summary>
    public int PerMinute { get; set; } = 1200;
}
