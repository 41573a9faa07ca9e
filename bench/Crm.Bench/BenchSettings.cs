namespace Crm.Bench;

/// <summary>How big and how long: full mode for the README table, quick mode (&lt; 2 minutes) while developing.</summary>
public sealed record BenchSettings(
    bool Quick,
    int Contacts,
    int SmallContacts,
    int Companies,
    int LatencySamples,
    TimeSpan ThroughputDuration,
    int ThroughputRounds,
    int Adds,
    int BulkEntries,
    int SearchSamples,
    int ScanSamples,
    int ListRounds,
    int PagedRounds,
    string OutputPath,
    string? Storage = null)
{
    public const int Concurrency = 16;

    /// <summary>
    /// The sizes (100,000 contacts, 10,000 bulk creates) need a real storage account: Azurite evaluates a
    /// query's filter on every row of the partition (row 3 below shows it), so each index lookup of a
    /// 700,000-row partition would cost a scan. On Azurite the full run uses 5,000 contacts and 2,000 creates.
    /// </summary>
    public static BenchSettings Full(string output, string? storage) => new(
        Quick: false, Contacts: storage is null ? 5_000 : 100_000, SmallContacts: storage is null ? 500 : 1_000, Companies: 1_000,
        LatencySamples: 600, ThroughputDuration: TimeSpan.FromSeconds(8), ThroughputRounds: 2,
        Adds: 600, BulkEntries: storage is null ? 2_000 : 10_000, SearchSamples: 20, ScanSamples: 3, ListRounds: 2, PagedRounds: 8, OutputPath: output, Storage: storage);

    public static BenchSettings QuickMode(string output, string? storage) => new(
        Quick: true, Contacts: 1_500, SmallContacts: 150, Companies: 200,
        LatencySamples: 150, ThroughputDuration: TimeSpan.FromSeconds(3), ThroughputRounds: 1,
        Adds: 100, BulkEntries: 600, SearchSamples: 10, ScanSamples: 2, ListRounds: 1, PagedRounds: 2, OutputPath: output, Storage: storage);
}
