using Crm.Bench.Report;
using Crm.TestSupport;

namespace Crm.Bench.Scenarios;

/// <summary>
/// Row 5: Key Vault reads per 1,000 authenticated requests (target ≤ 2: the key set is cached). It needs the
/// in-process Key Vault stand-in of the keys issue (tests/Crm.TestSupport/KeyVault). To fill the row: start a
/// <see cref="Hosting.BenchServer"/> whose configuration points Crm:KeyVault:Uri at the stand-in (and whose
/// SecretClient uses the stand-in's transport), send 1,000 getcompanybyname calls, and report the stand-in's
/// count of secret reads against the limit of 2 with <see cref="ResultRow.AtMost"/>.
/// </summary>
public static class KeyVaultScenario
{
    public static Task RunAsync(BenchReport report)
    {
        const string measure = "Key Vault reads per 1,000 authenticated requests (target ≤ 2)";
        var standIn = Path.Combine(RepositoryRoot.Path, "tests", "Crm.TestSupport", "KeyVault");
        report.Add(ResultRow.NotAvailable("5", measure,
            Directory.Exists(standIn) ? "n/a (Key Vault stand-in present; this row is not wired to it yet)" : "n/a (keys issue not merged)"));
        return Task.CompletedTask;
    }
}
