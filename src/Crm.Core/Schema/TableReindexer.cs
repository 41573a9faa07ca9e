using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Schema;
using Crm.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Schema;

/// <summary>
/// Rebuilds the claim and index rows of a table's entries after a schema change (<c>editfield</c> at once, the
/// maintenance pass for what is left): rewrites every entry stamped with an older schema generation than the table's,
/// logs and skips one it cannot rewrite, and clears the table's reindex mark only when none failed and the
/// generation did not move meanwhile (a change made during the run may have been missed by it).
/// </summary>
public sealed class TableReindexer(SchemaCatalog catalog, EntryStore store, EntryWriter writer, ILogger<TableReindexer> logger)
{
    private const int ParallelWrites = 8;

    /// <param name="table">The table as storage holds it now; its generation is the one the entries are brought to.</param>
    public async Task<ReindexCounts> ReindexAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        // Creates planned with an older schema cannot commit from here on, so none lands behind this run.
        await store.RaiseGenerationAsync(table.Name, table.Generation, cancellationToken);
        var rewritten = 0;
        var failed = 0;
        await foreach (var page in store.ListAsync(table.Name, cancellationToken))
        {
            var behind = page.Where(entry => IsBehind(table, entry));
            await Parallel.ForEachAsync(behind, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken }, async (entry, ct) =>
            {
                try
                {
                    await writer.ReplaceAsync(table, entry.Id, _ => { }, ct, checkRequired: false);
                    Interlocked.Increment(ref rewritten);
                }
                catch (CrmException missing) when (missing.Code == ErrorCode.NotFound)
                {
                    // Deleted meanwhile: its rows went with it.
                }
                catch (Exception unfixable) when (unfixable is not OperationCanceledException && !StorageOutage.IsOutage(unfixable, ct))
                {
                    // e.g. more index rows than one transaction holds, or a field made unique over duplicates: someone has to edit it.
                    Interlocked.Increment(ref failed);
                    logger.LogWarning("Entry {Id} of {Table} could not be reindexed and was skipped: {Reason}", entry.Id, table.Name, Reason(unfixable));
                }
            });
        }
        var cleared = failed == 0 && await catalog.ClearNeedsReindexAsync(table.Name, table.Generation, cancellationToken);
        logger.LogInformation("Reindexed {Count} entries of {Table} to schema generation {Generation} ({Failed} could not be); mark {Mark}.",
            rewritten, table.Name, table.Generation, failed, cleared ? "cleared" : "kept");
        return new ReindexCounts(rewritten, failed, cleared);
    }

    /// <summary>Written with an older schema; entries of a table that never had a generation are all rewritten.</summary>
    private static bool IsBehind(TableDefinition table, StoredEntry entry) =>
        entry.Generation < table.Generation || table.Generation == 0;

    private static string Reason(Exception failure) => failure is CrmException crm ? crm.Details : failure.Message;
}

/// <summary>What a reindex did: entries rewritten, entries skipped because they could not be, and whether the mark was cleared.</summary>
public sealed record ReindexCounts(int Rewritten, int Failed, bool Cleared);
