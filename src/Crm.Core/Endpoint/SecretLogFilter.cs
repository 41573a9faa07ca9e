using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Endpoint;

/// <summary>
/// Silences the framework log categories that write request URLs (whose query may carry <c>apiKey</c>), for every
/// logging provider, whatever the configuration says: the endpoint writes its own request line, redacted.
/// </summary>
public static class SecretLogFilter
{
    public static readonly IReadOnlyList<string> UrlLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
    ];

    public static IServiceCollection AddSecretLogFilter(this IServiceCollection services) =>
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            // A provider-specific rule beats a general one however specific its category, so each provider
            // named in a rule (e.g. Logging:Console:LogLevel) gets its own silencing rule too.
            var providers = options.Rules.Select(r => r.ProviderName).Distinct().ToList();
            if (!providers.Contains(null))
            {
                providers.Add(null);
            }
            foreach (var provider in providers)
            {
                foreach (var category in UrlLoggingCategories)
                {
                    options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.None, filter: null));
                }
            }
        });
}
