using System.Diagnostics;
using System.Globalization;
using Crm.Bench.Hosting;
using Crm.Bench.Measure;
using Crm.Bench.Report;
using Crm.Bench.Seeding;
using Crm.Core.Schema;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Rows 3 and 4 on one contact table that grows: searches are timed at <see cref="BenchSettings.SmallContacts"/>
/// contacts, the table is then seeded up to <see cref="BenchSettings.Contacts"/>, and searches, full scans and
/// the streamed list (whole, and in cursor pages: <see cref="PagedListScenario"/>) are timed there.
/// </summary>
public static class ContactScenarios
{
    private const string Tag = "C";

    public static async Task RunAsync(BenchSettings settings, BenchReport report, string prefix)
    {
        Console.Error.WriteLine("[3–4] contacts: starting server, seeding the small table");
        await using var server = await BenchServer.StartAsync(prefix);
        var contacts = await server.TableAsync(DefaultSchema.Contacts);
        var seeder = new EntrySeeder(BenchServer.BulkClient(server.Raw.Entities));
        long rows = 1 + await seeder.SeedAsync(contacts, 1, settings.SmallContacts, n => BenchData.Contact(contacts, Tag, n), 2, "contacts");

        // Both probes lie inside the small table, so the same calls answer the same at both sizes.
        var probe = new SearchProbe(contacts, settings.SmallContacts / 2);
        var searchExists = await probe.VerifyAsync(server, settings.SmallContacts);
        var small = await probe.MeasureAsync(server, settings.SearchSamples, searchExists);

        Console.Error.WriteLine($"[3–4] seeding up to {settings.Contacts:N0} contacts");
        rows += await seeder.SeedAsync(contacts, settings.SmallContacts + 1, settings.Contacts, n => BenchData.Contact(contacts, Tag, n), 2, "contacts");
        await probe.VerifyAsync(server, settings.Contacts);
        var large = await probe.MeasureAsync(server, settings.SearchSamples, searchExists);

        Console.Error.WriteLine("[3] filtered full scans of the partition");
        var scanOne = new Samples();
        var scanFifty = new Samples();
        for (var i = 0; i < settings.ScanSamples; i++)
        {
            scanOne.Add(await Timing.MillisecondsAsync(async () => Expect(1, await RawReads.FilteredScanAsync(server.Raw.Entities, contacts.Name, probe.EmailProperty, probe.Email))));
            scanFifty.Add(await Timing.MillisecondsAsync(async () => Expect(BenchData.PhoneGroupSize, await RawReads.FilteredScanAsync(server.Raw.Entities, contacts.Name, probe.PhoneProperty, probe.Phone))));
        }

        ReportSearch(settings, report, searchExists, small, large, scanOne, scanFifty, rows);
        await ListAsync(settings, report, server, contacts);
        await PagedListScenario.RunAsync(settings, report, server, Size(settings.Contacts));
    }

    private static void ReportSearch(BenchSettings settings, BenchReport report, bool searchExists, SearchFigures small, SearchFigures large, Samples scanOne, Samples scanFifty, long partitionRows)
    {
        var big = Size(settings.Contacts);
        var little = Size(settings.SmallContacts);
        if (searchExists)
        {
            report.Add(ResultRow.AtLeast("3", $"searchEntities, 1 match, {big}: p50 vs filtered full scan of the partition", ResultRow.Ms(large.One.P50), ResultRow.Ms(scanOne.P50), scanOne.P50 / large.One.P50, 100, " faster"));
            report.Add(ResultRow.AtLeast("3", $"searchEntities, 50 matches, {big}: p50 vs filtered full scan", ResultRow.Ms(large.Fifty.P50), ResultRow.Ms(scanFifty.P50), scanFifty.P50 / large.Fifty.P50, 100, " faster"));
            report.Add(ResultRow.AtMost("3", $"searchEntities, 1 match: p50 on {big} vs on {little}", ResultRow.Ms(large.One.P50), ResultRow.Ms(small.One.P50), large.One.P50 / small.One.P50, 2));
            report.Add(ResultRow.AtMost("3", $"searchEntities, 50 matches: p50 on {big} vs on {little}", ResultRow.Ms(large.Fifty.P50), ResultRow.Ms(small.Fifty.P50), large.Fifty.P50 / small.Fifty.P50, 2));
            report.Add(ResultRow.AtLeast("3", $"rows read from storage by one 50-match search vs rows a full scan reads ({big})",
                ResultRow.Count(large.RowsPerFiftySearch), ResultRow.Count(partitionRows), partitionRows / (double)Math.Max(1, large.RowsPerFiftySearch), 100, " fewer"));
            report.Add(ResultRow.Info("3", $"searchEntities, 50 matches, {big}: p50 vs the raw index lookup it needs (index range + 50 point reads)",
                ResultRow.Ms(large.Fifty.P50), ResultRow.Ms(large.RawFifty.P50), large.Fifty.P50 / large.RawFifty.P50));
        }
        else
        {
            const string missing = "n/a (command missing)";
            report.Add(ResultRow.NotAvailable("3", $"searchEntities, 1 match, {big}: p50 vs filtered full scan of the partition", missing, ResultRow.Ms(scanOne.P50)));
            report.Add(ResultRow.NotAvailable("3", $"searchEntities, 50 matches, {big}: p50 vs filtered full scan", missing, ResultRow.Ms(scanFifty.P50)));
            report.Add(ResultRow.NotAvailable("3", $"searchEntities, 1 match: p50 on {big} vs on {little}", missing));
            report.Add(ResultRow.NotAvailable("3", $"searchEntities, 50 matches: p50 on {big} vs on {little}", missing));
        }
        report.Add(ResultRow.Info("3", $"raw index lookup a 50-match search needs (no server): p50 on {big} vs on {little}",
            ResultRow.Ms(large.RawFifty.P50), ResultRow.Ms(small.RawFifty.P50), large.RawFifty.P50 / small.RawFifty.P50));
        report.Add(ResultRow.Info("3", $"raw index lookup a 50-match search needs (no server), {big}: p50 vs filtered full scan",
            ResultRow.Ms(large.RawFifty.P50), ResultRow.Ms(scanFifty.P50), large.RawFifty.P50 / scanFifty.P50));
    }

    private static async Task ListAsync(BenchSettings settings, BenchReport report, BenchServer server, TableDefinition contacts)
    {
        Console.Error.WriteLine("[4] getcontacts vs raw partition scan");
        var query = CrmCaller.Query(("command", "getcontacts"));

        // Memory is read around the first list call (cold caches included), which is also the warm-up.
        var before = MemoryReading.Take();
        long peakManaged, peakWorkingSet;
        await using (var peak = new MemoryPeak())
        {
            Expect(settings.Contacts, (await server.Caller.StreamListAsync(query)).Entries);
            peakManaged = peak.ManagedBytes;
            peakWorkingSet = peak.WorkingSetBytes;
        }
        var after = MemoryReading.Take();
        Expect(settings.Contacts, await RawReads.CountEntriesAsync(server.Raw.Entities, contacts.Name));

        // Whole rounds, the side going first alternating between them.
        var (ours, raw) = await Timing.AlternatingAsync(settings.ListRounds,
            async _ => Expect(settings.Contacts, (await server.Caller.StreamListAsync(query)).Entries),
            async _ => Expect(settings.Contacts, await RawReads.CountEntriesAsync(server.Raw.Entities, contacts.Name)));
        var oursRate = settings.Contacts * settings.ListRounds / ours.TotalSeconds;
        var rawRate = settings.Contacts * settings.ListRounds / raw.TotalSeconds;
        report.Add(ResultRow.AtLeast("4", $"getcontacts of {Size(settings.Contacts)}: entries/s vs raw scan of the entry rows", ResultRow.PerSecond(oursRate, "entries/s"), ResultRow.PerSecond(rawRate, "entries/s"), oursRate / rawRate, 0.7));
        report.Add(Growth("server managed memory (GC) after vs before getcontacts", after.ManagedBytes, before.ManagedBytes, peakManaged));
        report.Add(Growth("process working set after vs before getcontacts", after.WorkingSetBytes, before.WorkingSetBytes, peakWorkingSet));
    }

    private static ResultRow Growth(string measure, long after, long before, long peak)
    {
        const long limit = 50L * 1024 * 1024;
        var growth = after - before;
        return new ResultRow("4", measure, $"{ResultRow.MiB(after)} (peak {ResultRow.MiB(peak)})", ResultRow.MiB(before),
            (growth >= 0 ? "+" : "") + ResultRow.MiB(growth), "≤ +50 MB", growth <= limit ? "yes" : "**no**");
    }

    private static void Expect(long expected, long actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Expected {expected:N0} rows, got {actual:N0}: the seeded data is not what the benchmark assumes.");
        }
    }

    private static string Size(int contacts) =>
        contacts % 1000 == 0 ? (contacts / 1000).ToString(CultureInfo.InvariantCulture) + "k contacts" : contacts.ToString("N0", CultureInfo.InvariantCulture) + " contacts";

    private sealed record SearchFigures(Samples One, Samples Fifty, Samples RawFifty, long RowsPerFiftySearch);

    /// <summary>The two searches: by e-mail (one match) and by phone (a block of 50 contacts).</summary>
    private sealed class SearchProbe(TableDefinition contacts, long target)
    {
        public string EmailProperty { get; } = BenchData.Property(contacts, "contact_email");
        public string PhoneProperty { get; } = BenchData.Property(contacts, "contact_phone");
        public string Email { get; } = BenchData.ContactEmail(Tag, target);
        public string Phone { get; } = BenchData.ContactPhone(Tag, target);

        private string OneQuery => Search("contact_email", Email);
        private string FiftyQuery => Search("contact_phone", Phone);

        /// <summary>Checks the seeded data through the API; false when the server does not know searchEntities yet.</summary>
        public async Task<bool> VerifyAsync(BenchServer server, long lastId)
        {
            var last = await server.Caller.GetOkAsync(CrmCaller.Query(("command", "getcontactbyname"), ("contactId", RawReads.Id(lastId))));
            if (last.Json.GetProperty("contact_email").GetString() != BenchData.ContactEmail(Tag, lastId))
            {
                throw new InvalidOperationException($"Seeded contact {lastId} reads back wrong: {last.Text}");
            }
            var one = await server.Caller.GetAsync(OneQuery);
            if (one.IsUnknownCommand)
            {
                Console.Error.WriteLine("    searchEntities is not on this branch yet: its rows will say n/a");
                return false;
            }
            var records = Records(one);
            if (records.Count != 1 || records[0] != RawReads.Id(target))
            {
                throw new InvalidOperationException($"Search by e-mail should find contact {target} alone: {one.Text}");
            }
            var fifty = Records(await server.Caller.GetOkAsync(FiftyQuery));
            if (fifty.Count != BenchData.PhoneGroupSize)
            {
                throw new InvalidOperationException($"Search by phone should find {BenchData.PhoneGroupSize} contacts, found {fifty.Count}.");
            }
            return true;
        }

        public async Task<SearchFigures> MeasureAsync(BenchServer server, int samples, bool searchExists)
        {
            Console.Error.WriteLine($"[3] searches at this size ({samples} samples each)");
            var table = server.Raw.Entities;
            var phoneKey = ValueNormalizer.Normalize(Phone);
            Task RawFifty() => RawReads.IndexLookupAsync(table, contacts.Name, PhoneProperty, phoneKey);
            if (!searchExists)
            {
                var raw = new Samples();
                for (var i = 0; i < samples; i++)
                {
                    raw.Add(await Timing.MillisecondsAsync(RawFifty));
                }
                return new SearchFigures(new Samples(), new Samples(), raw, 0);
            }
            await Timing.AlternatingAsync(3, _ => server.Caller.GetOkAsync(FiftyQuery), _ => RawFifty());
            var (one, _) = await Timing.AlternatingAsync(samples, _ => server.Caller.GetOkAsync(OneQuery), _ => Task.CompletedTask);
            var (fifty, rawFifty) = await Timing.AlternatingAsync(samples, _ => server.Caller.GetOkAsync(FiftyQuery), _ => RawFifty());
            using var counters = server.CountStorage();
            await server.Caller.GetOkAsync(FiftyQuery);
            return new SearchFigures(one, fifty, rawFifty, counters.RowsRead);
        }

        private static string Search(string field, string value) => CrmCaller.Query(
            ("command", "searchEntities"), ("tableName", DefaultSchema.Contacts), ("crm_param_1", field), ("crm_param_1_value", value));

        private static List<string> Records(CallResult result) =>
            result.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }
}
