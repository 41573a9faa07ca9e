using Crm.Bench.Hosting;
using Crm.Bench.Measure;
using Crm.Bench.Report;
using Crm.Bench.Seeding;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Row 2b (issue 15): addcompany with an Idempotency-Key against the same call without one. The key costs a
/// record read, its insert and the answer's write in <c>CrmRequests</c>; the write token is in both.
/// </summary>
public static class IdempotentAddScenario
{
    public static async Task RunAsync(BenchSettings settings, BenchReport report, BenchServer server)
    {
        Console.Error.WriteLine("[2b] addcompany with Idempotency-Key: latency at concurrency 1");
        // "Key 000001" and "Nok 000001": same lengths, so both sides write rows of the same size.
        async Task WithKey(int i) => await server.Caller.GetOkAsync(CrmCaller.Query(
            [("command", "addcompany"), .. BenchData.CompanyParameters("Key", i + 1), ("idempotencyKey", Guid.NewGuid().ToString())]));
        async Task WithoutKey(int i) => await server.Caller.GetOkAsync(CrmCaller.Query([("command", "addcompany"), .. BenchData.CompanyParameters("Nok", i + 1)]));

        const int warmUp = 30;
        await Timing.AlternatingAsync(warmUp, WithKey, WithoutKey);
        var (keyed, plain) = await Timing.AlternatingAsync(settings.Adds, i => WithKey(i + warmUp), i => WithoutKey(i + warmUp));
        report.Add(ResultRow.AtMost("2b", "addcompany with Idempotency-Key vs without, p50 latency, concurrency 1", ResultRow.Ms(keyed.P50), ResultRow.Ms(plain.P50), keyed.P50 / plain.P50, 1.15));
    }
}
