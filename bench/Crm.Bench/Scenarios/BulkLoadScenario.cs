using System.Globalization;
using Crm.Bench.Hosting;
using Crm.Bench.Measure;
using Crm.Bench.Report;
using Crm.Bench.Seeding;
using Crm.Core.Schema;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Row 6: a bulk sync through the API (updateOrCreateEntity creates at concurrency 16) against raw batched
/// inserts of the same rows (whole entries, ≤ 100 rows per transaction, 2 in flight). Each side writes
/// to fresh Azure tables, in two alternating halves, so both see tables of the same size.
/// </summary>
public static class BulkLoadScenario
{
    private const string Tag = "Bulk";

    /// <summary>
    /// Two batches in flight keep Azurite busy; at 16 it reset connections in the middle of a run (twice), and
    /// being single-threaded it does not run batches side by side anyway.
    /// </summary>
    private const int RawParallelism = 2;

    public static async Task RunAsync(BenchSettings settings, BenchReport report, string prefix)
    {
        Console.Error.WriteLine($"[6] bulk load of {settings.BulkEntries:N0} contacts");
        await using var server = await BenchServer.StartAsync(prefix);
        var contacts = await server.TableAsync(DefaultSchema.Contacts);
        var rawTables = await BenchServer.NewTablesAsync(prefix + "raw");
        var raw = new EntrySeeder(BenchServer.BulkClient(rawTables.Entities));

        async Task Ours(int n) => await server.Caller.GetOkAsync(CrmCaller.Query(
            [("command", "updateOrCreateEntity"), ("tableName", DefaultSchema.Contacts), .. BenchData.ContactParameters(Tag, n)]));

        var probe = await server.Caller.GetAsync(CrmCaller.Query(
            [("command", "updateOrCreateEntity"), ("tableName", DefaultSchema.Contacts), .. BenchData.ContactParameters(Tag, 1)]));
        var exists = !probe.IsUnknownCommand;
        if (exists && probe.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException("updateOrCreateEntity failed: " + probe.Text);
        }

        var half = settings.BulkEntries / 2;
        TimeSpan oursTime = TimeSpan.Zero, rawTime = TimeSpan.Zero;
        for (var part = 0; part < 2; part++)
        {
            var first = 2 + part * half;
            var last = part == 0 ? half + 1 : settings.BulkEntries + 1;
            if (exists)
            {
                oursTime += await Timing.RunAllAsync(BenchSettings.Concurrency, last - first + 1, i => Ours(first + i));
            }
            var rawMilliseconds = await Timing.MillisecondsAsync(() => raw.SeedAsync(contacts, first, last, n => BenchData.Contact(contacts, Tag, n), RawParallelism, "raw bulk"));
            rawTime += TimeSpan.FromMilliseconds(rawMilliseconds);
        }

        var entries = settings.BulkEntries;
        var rawRate = entries / rawTime.TotalSeconds;
        var measure = string.Create(CultureInfo.InvariantCulture, $"bulk load: {entries:N0} updateOrCreateEntity creates at concurrency 16 vs raw batched inserts (100 rows/transaction), entries/s");
        if (!exists)
        {
            report.Add(ResultRow.NotAvailable("6", measure, "n/a (command missing)", ResultRow.PerSecond(rawRate, "entries/s")));
            return;
        }
        var check = await server.Caller.GetOkAsync(CrmCaller.Query(("command", "getcontactbyname"), ("contactName", BenchData.ContactName(Tag, entries + 1))));
        if (check.Json.GetProperty("contact_login").GetString() != BenchData.ContactLogin(Tag, entries + 1))
        {
            throw new InvalidOperationException("The last bulk-loaded contact reads back wrong: " + check.Text);
        }
        var oursRate = entries / oursTime.TotalSeconds;
        report.Add(ResultRow.Info("6", measure, ResultRow.PerSecond(oursRate, "entries/s"), ResultRow.PerSecond(rawRate, "entries/s"), oursRate / rawRate));
    }
}
