using System.Globalization;
using Azure.Security.KeyVault.Secrets;
using Crm.Bench.Hosting;
using Crm.Bench.Report;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Row 5: how many Key Vault requests 1,000 authenticated calls cause (target ≤ 2: the key set is cached).
/// The server reads its keys from the in-process Key Vault stand-in through the real SecretClient; the first
/// call (which loads the keys) is not counted.
/// </summary>
public static class KeyVaultScenario
{
    private const int Requests = 1_000;
    private const string Key = "bench-vault-key-0123456789";

    public static async Task RunAsync(BenchReport report, string prefix)
    {
        Console.Error.WriteLine("[5] Key Vault reads per 1,000 authenticated requests");
        await using var vault = new KeyVaultStandIn();
        await vault.AddVersionAsync("crm-api-key", Key);
        await using var server = await BenchServer.StartAsync(prefix, Key,
            new Dictionary<string, string?> { ["Crm:KeyVault:Uri"] = vault.VaultUri.ToString() },
            builder => builder.Services.AddSingleton<SecretClient>(vault.CreateClient()));
        vault.ResetCounts();
        var query = CrmCaller.Query(("command", "getdictionary"), ("dictionaryName", "Industries"));
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = BenchSettings.Concurrency },
            async (_, _) => await server.Caller.GetOkAsync(query));
        var calls = vault.Calls;
        report.Add(new ResultRow("5", "Key Vault requests per 1,000 authenticated requests (concurrency 16)",
            string.Create(CultureInfo.InvariantCulture, $"{calls.Total} ({calls.VersionListings} version listings, {calls.ValueReads} value reads)"),
            "1,000 requests", calls.Total.ToString(CultureInfo.InvariantCulture) + " per 1,000", "≤ 2", calls.Total <= 2 ? "yes" : "**no**"));
    }
}
