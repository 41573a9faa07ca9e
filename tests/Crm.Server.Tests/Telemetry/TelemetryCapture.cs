using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Crm.Server.Tests.Telemetry;

/// <summary>
/// Everything the server's OpenTelemetry pipeline exports, captured in process with OpenTelemetry's in-memory
/// exporters. They keep the spans themselves, so what is read here is each span as it ends the pipeline, after
/// the host's redaction, as the Azure Monitor exporter (added behind that redaction) sends it.
/// </summary>
public sealed class TelemetryCapture
{
    public List<Activity> Activities { get; } = [];
    public List<LogRecord> Logs { get; } = [];
    public List<MetricSnapshot> Metrics { get; } = [];

    public void AddTo(WebApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Activities));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(Logs));
    }

    /// <summary>Pushes the metrics collected so far (the periodic reader exports on a timer otherwise).</summary>
    public static void Flush(IServiceProvider services)
    {
        services.GetService<MeterProvider>()?.ForceFlush();
        services.GetService<TracerProvider>()?.ForceFlush();
    }

    /// <summary>Every text of the captured telemetry where a secret could hide, each labelled with where it was found.</summary>
    public IEnumerable<(string Where, string Text)> AllTexts()
    {
        lock (Activities)
        {
            foreach (var activity in Activities.ToList())
            {
                var name = activity.DisplayName;
                yield return ($"activity {name} display name", name);
                yield return ($"activity {name} operation name", activity.OperationName);
                yield return ($"activity {name} status", activity.StatusDescription ?? "");
                yield return ($"activity {name} trace state", activity.TraceStateString ?? "");
                foreach (var tag in activity.TagObjects)
                {
                    yield return ($"activity {name} tag {tag.Key}", tag.Key + "=" + tag.Value);
                }
                foreach (var item in activity.Baggage)
                {
                    yield return ($"activity {name} baggage", item.Key + "=" + item.Value);
                }
                foreach (var @event in activity.Events)
                {
                    yield return ($"activity {name} event", @event.Name + " " + string.Join(' ', @event.Tags.Select(t => t.Key + "=" + t.Value)));
                }
                foreach (var link in activity.Links)
                {
                    yield return ($"activity {name} link", string.Join(' ', (link.Tags ?? []).Select(t => t.Key + "=" + t.Value)));
                }
            }
        }
        lock (Logs)
        {
            foreach (var log in Logs.ToList())
            {
                var where = $"log {log.CategoryName}";
                yield return (where, log.FormattedMessage ?? "");
                yield return (where, log.Body ?? "");
                yield return (where, log.Exception?.ToString() ?? "");
                foreach (var attribute in log.Attributes ?? [])
                {
                    yield return (where + " attribute " + attribute.Key, attribute.Key + "=" + attribute.Value);
                }
            }
        }
        lock (Metrics)
        {
            foreach (var metric in Metrics.ToList())
            {
                yield return ($"metric {metric.Name}", metric.Name + " " + metric.Description + " " + metric.Unit);
                foreach (var point in metric.MetricPoints)
                {
                    foreach (var tag in point.Tags)
                    {
                        yield return ($"metric {metric.Name} tag {tag.Key}", tag.Key + "=" + tag.Value);
                    }
                }
            }
        }
    }
}
