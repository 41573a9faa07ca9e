using Crm.Bench.Hosting;
using Crm.Bench.Measure;
using Crm.Bench.Report;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Issue 13 item 7: the contact table read in cursor pages of 1,000 (<c>limit</c>, then each <c>nextCursor</c>) against
/// the same table as one streamed <c>getcontacts</c>, entries per second, interleaved rounds on the table row 4 built.
/// </summary>
public static class PagedListScenario
{
    private const int PageSize = 1000;

    public static async Task RunAsync(BenchSettings settings, BenchReport report, BenchServer server, string size)
    {
        Console.Error.WriteLine($"[4] getcontacts in pages of {PageSize:N0} vs the streamed list");
        var streamed = CrmCaller.Query(("command", "getcontacts"));
        Expect(settings.Contacts, await WalkAsync(server.Caller));
        // Whole rounds, the side going first alternating between them.
        var (paged, whole) = await Timing.AlternatingAsync(settings.PagedRounds,
            async _ => Expect(settings.Contacts, await WalkAsync(server.Caller)),
            async _ => Expect(settings.Contacts, (await server.Caller.StreamListAsync(streamed)).Entries));
        var pagedRate = settings.Contacts * settings.PagedRounds / paged.TotalSeconds;
        var streamedRate = settings.Contacts * settings.PagedRounds / whole.TotalSeconds;
        report.Add(ResultRow.AtLeast("4", $"getcontacts of {size} in pages of 1,000 (limit + nextCursor): entries/s vs the streamed full list",
            ResultRow.PerSecond(pagedRate, "entries/s"), ResultRow.PerSecond(streamedRate, "entries/s") + " (streamed)", pagedRate / streamedRate, 0.8));
    }

    /// <summary>Every page until the one without <c>nextCursor</c>; returns the entries read.</summary>
    private static async Task<long> WalkAsync(CrmCaller caller)
    {
        long entries = 0;
        string? cursor = null;
        do
        {
            var (read, next) = await caller.ReadPageAsync(cursor is null
                ? CrmCaller.Query(("command", "getcontacts"), ("limit", "1000"))
                : CrmCaller.Query(("command", "getcontacts"), ("limit", "1000"), ("cursor", cursor)));
            entries += read;
            cursor = next;
        }
        while (cursor is not null);
        return entries;
    }

    private static void Expect(long expected, long actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Expected {expected:N0} contacts, the walk read {actual:N0}.");
        }
    }
}
