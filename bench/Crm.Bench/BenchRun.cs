using System.Diagnostics;
using System.Globalization;
using Crm.Bench.Hosting;
using Crm.Bench.Report;
using Crm.Bench.Scenarios;
using Crm.TestSupport;

namespace Crm.Bench;

/// <summary>
/// One run: its own in-memory Azurite on a free port (or the storage account given), then each scenario with its own server and Azure
/// tables, then the table on stdout (progress goes to stderr) and in the results file.
/// </summary>
public static class BenchRun
{
    public static string DefaultOutputPath() => Path.Combine(RepositoryRoot.Path, "bench", "results",
        string.Create(CultureInfo.InvariantCulture, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"));

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var clock = Stopwatch.StartNew();
        Process? azurite = null;
        var storage = settings.Storage;
        if (storage is null)
        {
            // Tens of thousands of rows in Azurite's memory: node's default heap limit is too tight for that.
            Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=6144");
            var port = Azurite.FreePort();
            Console.Error.WriteLine($"Starting Azurite (in memory) on 127.0.0.1:{port}");
            azurite = Azurite.Start(port, location: null);
            storage = Azurite.ConnectionStringFor(port);
        }
        // CrmTestServer takes its storage from Azurite.ConnectionString, which honours this variable.
        Environment.SetEnvironmentVariable("CRM_TEST_STORAGE", storage);
        var report = new BenchReport();
        var run = "b" + Guid.NewGuid().ToString("N")[..6];
        string[] prefixes = [run + "co", run + "coraw", run + "ct", run + "bk", run + "bkraw", run + "kv", run + "rl"];
        try
        {
            await RunScenarioAsync(report, "1–2", () => CompanyScenarios.RunAsync(settings, report, prefixes[0]));
            await RunScenarioAsync(report, "3–4", () => ContactScenarios.RunAsync(settings, report, prefixes[2]));
            await RunScenarioAsync(report, "5", () => KeyVaultScenario.RunAsync(report, prefixes[5]));
            await RunScenarioAsync(report, "6", () => BulkLoadScenario.RunAsync(settings, report, prefixes[3]));
            await RunScenarioAsync(report, "7", () => RateLimitScenario.RunAsync(settings, report, prefixes[6]));
        }
        finally
        {
            if (azurite is not null)
            {
                Azurite.Stop(azurite);
            }
            else
            {
                await Task.WhenAll(prefixes.Select(BenchServer.DeleteTablesAsync));
            }
        }
        var markdown = report.ToMarkdown(settings, clock.Elapsed);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.OutputPath))!);
        await File.WriteAllTextAsync(settings.OutputPath, markdown);
        Console.Error.WriteLine($"Written to {settings.OutputPath}");
        return report.HasFailures ? 1 : 0;
    }

    /// <summary>A failing scenario becomes a row of the table; the others still run and the table is still printed.</summary>
    private static async Task RunScenarioAsync(BenchReport report, string rows, Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Console.Error.WriteLine(failure);
            report.Fail(rows, failure.GetType().Name + ": " + failure.Message.Split('\n')[0]);
        }
    }
}
