using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Crm.Core.Telemetry;

/// <summary>
/// The hosts' own telemetry, with OpenTelemetry: requests (URL redacted, command and error code as attributes),
/// dependencies (Table Storage and Key Vault through the Azure SDK's activity sources, Jira through HttpClient), the
/// CRM's meters and, where the host does not ship them already, logs. Exported to Azure Monitor only when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. Every exporter sits behind <see cref="SecretRedactionProcessor"/>.
/// </summary>
public static class CrmTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>ClientId=…;Authorization=AAD</c>: send with the managed identity (Application Insights' local auth is off).</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The CRM's meters (storage counters and any later ones) all carry this prefix.</summary>
    public const string MeterNames = "Crm.*";

    private const string AzureSdkSources = "Azure.*";

    // Azure.Core traces each HTTP call itself; HttpClient's own span under it would count the call twice.
    private const string AzureSdkHttpSource = "Azure.Core.Http";

    /// <param name="exportLogs">
    /// False in the Functions worker: its logs already reach Application Insights through the host.
    /// </param>
    public static TBuilder AddCrmTelemetry<TBuilder>(this TBuilder builder, bool exportLogs) where TBuilder : IHostApplicationBuilder
    {
        // Azure SDK clients emit activities only with this switch on; it is read as the first client is built.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var connectionString = builder.Configuration[ConnectionStringSetting];
        var exportToAzure = !string.IsNullOrWhiteSpace(connectionString);
        var credential = UsesIdentity(builder.Configuration[AuthenticationStringSetting]) ? new DefaultAzureCredential() : null;
        Action<AzureMonitorExporterOptions> azure = options =>
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;
        };

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing
                    .AddProcessor(new SecretRedactionProcessor())
                    .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = CrmRequestTelemetry.RedactUrl)
                    .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = _ => Activity.Current?.Source.Name != AzureSdkHttpSource)
                    .AddSource(AzureSdkSources)
                    .AddSource(Sync.SyncRunner.ActivitySourceName);
                if (exportToAzure)
                {
                    tracing.AddAzureMonitorTraceExporter(azure);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(MeterNames);
                if (exportToAzure)
                {
                    metrics.AddAzureMonitorMetricExporter(azure);
                }
            });
        if (exportLogs)
        {
            telemetry.WithLogging(logging =>
            {
                if (exportToAzure)
                {
                    logging.AddAzureMonitorLogExporter(azure);
                }
            }, options => options.IncludeFormattedMessage = true);
        }
        return builder;
    }

    private static bool UsesIdentity(string? authenticationString) =>
        authenticationString?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;
}
