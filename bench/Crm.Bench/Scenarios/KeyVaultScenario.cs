using System.Globalization;
using Azure.Security.KeyVault.Secrets;
using Crm.Bench.Hosting;
using Crm.Bench.Report;
using Crm.TestSupport;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Row 5: how many Key Vault requests 1,000 authenticated calls cause (target ≤ 2: the key set is cached).
/// The server reads its keys (the shared key and a named key bound to the caller's user, half the calls each)
/// from the in-process Key Vault stand-in through the real SecretClient; the first call (which loads the keys) is not counted.
/// </summary>
public static class KeyVaultScenario
{
    private const int Requests = 1_000;
    private const string Key = "bench-vault-key-0123456789";
    private const string NamedKey = "bench-named-key-9876543210";

    public static async Task RunAsync(BenchReport report, string prefix)
    {
        Console.Error.WriteLine("[5] Key Vault reads per 1,000 authenticated requests");
        await using var vault = new KeyVaultStandIn();
        await vault.AddVersionAsync("crm-api-key", Key);
        await vault.AddNamedKeyVersionAsync("bench", CrmTestServer.Admin, NamedKey);
        await using var server = await BenchServer.StartAsync(prefix, Key,
            new Dictionary<string, string?> { ["Crm:KeyVault:Uri"] = vault.VaultUri.ToString() },
            builder => builder.Services.AddSingleton<SecretClient>(vault.CreateClient()));
        using var named = new CrmCaller(server.BaseAddress, NamedKey, CrmTestServer.Admin);
        await named.GetOkAsync(CrmCaller.Query(("command", "getcompanies")));
        vault.ResetCounts();
        var query = CrmCaller.Query(("command", "getdictionary"), ("dictionaryName", "Industries"));
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = BenchSettings.Concurrency },
            async (i, _) => await (i % 2 == 0 ? server.Caller : named).GetOkAsync(query));
        var calls = vault.Calls;
        report.Add(new ResultRow("5", "Key Vault requests per 1,000 authenticated requests, shared + named key (concurrency 16)",
            string.Create(CultureInfo.InvariantCulture, $"{calls.Total} ({calls.VersionListings} version listings, {calls.ValueReads} value reads)"),
            "1,000 requests", calls.Total.ToString(CultureInfo.InvariantCulture) + " per 1,000", "≤ 2", calls.Total <= 2 ? "yes" : "**no**"));
    }
}
