using System.Net;
using Azure.Data.Tables;
using Crm.Bench.Hosting;
using Crm.Bench.Measure;
using Crm.Bench.Report;
using Crm.Bench.Seeding;
using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Storage.Keys;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Rows 1 and 2: reading one company by id and adding one, each against the raw SDK calls the command needs.
/// Runs on its own Azure tables so the large contact table of rows 3–4 does not weigh on it (Azurite's
/// queries scan a whole Azure table).
/// </summary>
public static class CompanyScenarios
{
    public static async Task RunAsync(BenchSettings settings, BenchReport report, string prefix)
    {
        Console.Error.WriteLine("[1–2] companies: starting server, seeding");
        await using var server = await BenchServer.StartAsync(prefix);
        var companies = await server.TableAsync(DefaultSchema.Companies);
        var contacts = await server.TableAsync(DefaultSchema.Contacts);
        var rawCopy = await BenchServer.NewTablesAsync(prefix + "raw");
        await new EntrySeeder(BenchServer.BulkClient(server.Raw.Entities)).SeedAsync(companies, 1, settings.Companies, n => BenchData.Company(companies, "Company", n), 2, "companies");
        // The raw writes of row 2 go to a copy of equal size: Azurite's insert cost grows with the table.
        await new EntrySeeder(BenchServer.BulkClient(rawCopy.Entities)).SeedAsync(companies, 1, settings.Companies, n => BenchData.Company(companies, "Company", n), 2, "companies (raw copy)");

        var probe = await server.Caller.GetOkAsync(GetQuery(settings.Companies / 2));
        var expected = BenchData.CompanyName("Company", settings.Companies / 2);
        if (probe.Json.GetProperty("org_name").GetString() != expected)
        {
            throw new InvalidOperationException($"Seeded company {settings.Companies / 2} reads back wrong: {probe.Text}");
        }

        await GetCompanyAsync(settings, report, server, contacts);
        await AddCompanyAsync(settings, report, server, companies, rawCopy.Entities);
        await IdempotentAddScenario.RunAsync(settings, report, server);
    }

    private static string GetQuery(long id) => CrmCaller.Query(("command", "getcompanybyname"), ("companyId", RawReads.Id(id)));

    /// <summary>
    /// getcompanybyname by id reads the entry row and, for the computed "Contacts" field, the contacts' reverse
    /// index rows of this company (a range query); that pair is the reference.
    /// </summary>
    private static async Task GetCompanyAsync(BenchSettings settings, BenchReport report, BenchServer server, Storage.Schema.TableDefinition contacts)
    {
        var table = server.Raw.Entities;
        var companyOfContact = BenchData.Property(contacts, "contact_company");
        long Pick(long i) => 1 + (i * 7919 % settings.Companies);
        async Task Ours(long i) => await server.Caller.GetOkAsync(GetQuery(Pick(i)));
        async Task Raw(long i)
        {
            var id = Pick(i);
            await table.GetEntityAsync<TableEntity>(DefaultSchema.Companies, RowKeys.Entry(id));
            await RawReads.RangeAsync(table, DefaultSchema.Contacts, RowKeys.IndexValuePrefix(companyOfContact, ReferenceKeys.Of(id)));
        }

        Console.Error.WriteLine("[1] getcompanybyname: latency at concurrency 1");
        await Timing.AlternatingAsync(60, i => Ours(i), i => Raw(i));
        var (ours, raw) = await Timing.AlternatingAsync(settings.LatencySamples, i => Ours(i), i => Raw(i));
        report.Add(ResultRow.AtMost("1", "getcompanybyname by id, p50 latency, concurrency 1", ResultRow.Ms(ours.P50), ResultRow.Ms(raw.P50), ours.P50 / raw.P50, 1.3));
        report.Add(ResultRow.AtMost("1", "getcompanybyname by id, p95 latency, concurrency 1", ResultRow.Ms(ours.P95), ResultRow.Ms(raw.P95), ours.P95 / raw.P95, 1.3));

        // What any call costs before it reaches storage (HTTP both ways, key check, rate limit, an answer written):
        // added to the raw reads, the ratio row 1 would have if the command itself cost nothing.
        var unknown = CrmCaller.Query(("command", "nosuchcommand"));
        async Task NoStorage() => Expect(HttpStatusCode.BadRequest, await server.Caller.GetAsync(unknown));
        var (floor, rawAgain) = await Timing.AlternatingAsync(settings.LatencySamples, _ => NoStorage(), i => Raw(i));
        report.Add(ResultRow.Info("1", "floor of row 1: its raw reads + a call answered without storage (unknown command, after the key check), p50",
            ResultRow.Ms(rawAgain.P50 + floor.P50) + $" ({ResultRow.Ms(floor.P50)} + reads)", ResultRow.Ms(rawAgain.P50), (rawAgain.P50 + floor.P50) / rawAgain.P50));

        Console.Error.WriteLine("[1] getcompanybyname: throughput at concurrency 16");
        double oursRate = 0, rawRate = 0;
        for (var round = 0; round < settings.ThroughputRounds; round++)
        {
            oursRate += await Timing.ThroughputAsync(BenchSettings.Concurrency, settings.ThroughputDuration, Ours);
            rawRate += await Timing.ThroughputAsync(BenchSettings.Concurrency, settings.ThroughputDuration, Raw);
        }
        report.Add(ResultRow.AtLeast("1", "getcompanybyname by id, throughput, concurrency 16", ResultRow.PerSecond(oursRate / settings.ThroughputRounds), ResultRow.PerSecond(rawRate / settings.ThroughputRounds), oursRate / rawRate, 0.8));
    }

    private static async Task AddCompanyAsync(BenchSettings settings, BenchReport report, BenchServer server, Storage.Schema.TableDefinition companies, TableClient rawTable)
    {
        Console.Error.WriteLine("[2] addcompany: latency at concurrency 1");
        var handBuilt = new HandBuiltCompanyWrite(rawTable, companies);
        handBuilt.CheckSameRowsAsEngine();
        await handBuilt.InitializeAsync();
        // "Api 000001" and "Raw 000001": same lengths, so both sides write rows of the same size.
        async Task Ours(int i) => await server.Caller.GetOkAsync(CrmCaller.Query([("command", "addcompany"), .. BenchData.CompanyParameters("Api", i + 1)]));
        async Task Raw(int i) => await handBuilt.WriteAsync("Raw", i + 1);

        const int warmUp = 30;
        await Timing.AlternatingAsync(warmUp, Ours, Raw);
        var (ours, raw) = await Timing.AlternatingAsync(settings.Adds, i => Ours(i + warmUp), i => Raw(i + warmUp));
        var check = await server.Caller.GetOkAsync(CrmCaller.Query(("command", "getcompanybyname"), ("companyName", BenchData.CompanyName("Api", warmUp + settings.Adds))));
        if (check.Json.GetProperty("org_www").GetString() != BenchData.CompanyWebsite("Api", warmUp + settings.Adds))
        {
            throw new InvalidOperationException("The last added company reads back wrong: " + check.Text);
        }
        report.Add(ResultRow.AtMost("2", "addcompany, p50 latency, concurrency 1 (6-row transaction + counter)", ResultRow.Ms(ours.P50), ResultRow.Ms(raw.P50), ours.P50 / raw.P50, 1.3));
        report.Add(ResultRow.AtMost("2", "addcompany, p95 latency, concurrency 1", ResultRow.Ms(ours.P95), ResultRow.Ms(raw.P95), ours.P95 / raw.P95, 1.3));
    }

    private static void Expect(HttpStatusCode status, CallResult result)
    {
        if (result.Status != status)
        {
            throw new InvalidOperationException($"Expected {(int)status}, the call answered {(int)result.Status}: {result.Text}");
        }
    }
}
