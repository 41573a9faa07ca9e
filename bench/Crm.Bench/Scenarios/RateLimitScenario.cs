using Crm.Bench.Hosting;
using Crm.Bench.Measure;
using Crm.Bench.Report;
using Crm.Bench.Seeding;
using Crm.TestSupport;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Row 7: what the per-key rate limit costs a call. Two servers on the same Azure tables, one with rate limiting off
/// (<c>Crm:RateLimits:PerMinute</c> 0), one with it on at a limit this run cannot reach (so no call is refused and both
/// sides do the same work plus, on one side, the token bucket and its headers); getcompanybyname alternates between them.
/// </summary>
public static class RateLimitScenario
{
    private const int Companies = 50;
    private const string UnreachableLimit = "1000000";

    public static async Task RunAsync(BenchSettings settings, BenchReport report, string prefix)
    {
        Console.Error.WriteLine("[7] getcompanybyname with rate limiting on vs off");
        await using var off = await BenchServer.StartAsync(prefix, CrmTestServer.ApiKey,
            new Dictionary<string, string?> { ["Crm:RateLimits:PerMinute"] = "0" }, configure: null);
        await using var on = await BenchServer.StartAsync(prefix, CrmTestServer.ApiKey,
            new Dictionary<string, string?> { ["Crm:RateLimits:PerMinute"] = UnreachableLimit }, configure: null);
        for (var i = 1; i <= Companies; i++)
        {
            await off.Caller.GetOkAsync(CrmCaller.Query([("command", "addcompany"), .. BenchData.CompanyParameters("Limit", i)]));
        }

        string Query(int i) => CrmCaller.Query(("command", "getcompanybyname"), ("companyName", BenchData.CompanyName("Limit", 1 + (i % Companies))));
        async Task On(int i) => await on.Caller.GetOkAsync(Query(i));
        async Task Off(int i) => await off.Caller.GetOkAsync(Query(i));

        await Timing.AlternatingAsync(60, On, Off);
        var (limited, unlimited) = await Timing.AlternatingAsync(settings.LatencySamples, On, Off);
        report.Add(ResultRow.AtMost("7", $"getcompanybyname by name, p50 latency, rate limiting on ({UnreachableLimit}/min) vs off",
            ResultRow.Ms(limited.P50), ResultRow.Ms(unlimited.P50), limited.P50 / unlimited.P50, 1.05));
    }
}
