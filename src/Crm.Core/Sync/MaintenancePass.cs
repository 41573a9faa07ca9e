using System.Globalization;
using Crm.Core.Idempotency;
using Crm.Storage.Idempotency;
using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Schema;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Sync;

/// <summary>
/// Repairs what cross-partition work and schema changes leave behind (docs/design.md#storage-layout): rebuilds the claim and
/// index rows of tables whose schema marked them for reindexing, and clears references whose target entry
/// no longer exists (a crash between deleting an entry and unlinking it).
/// </summary>
public sealed class MaintenancePass(
    SchemaCatalog catalog, EntryStore store, EntryWriter writer, IdempotencyStore requests, TimeProvider clock, ILogger<MaintenancePass> logger)
{
    private const int ParallelWrites = 8;

    public async Task<MaintenanceCounts> RunAsync(CancellationToken cancellationToken)
    {
        // Straight from storage, not the cache: the marks and fields must be the current ones.
        var tables = await catalog.GetCurrentTablesAsync(cancellationToken);
        var reindexed = 0;
        foreach (var table in tables.Where(t => t.NeedsReindex))
        {
            reindexed += await ReindexAsync(table, cancellationToken);
        }
        var cleared = await ClearDanglingReferencesAsync(tables, cancellationToken);
        await RemoveExpiredWriteTokensAsync(tables, cancellationToken);
        return new MaintenanceCounts(cleared, reindexed);
    }

    private async Task<int> ReindexAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        var failed = 0;
        await foreach (var page in store.ListAsync(table.Name, cancellationToken))
        {
            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken }, async (entry, ct) =>
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
                catch (CrmException refused) when (refused.Code is ErrorCode.Duplicate or ErrorCode.BadRequest)
                {
                    // e.g. a field made unique by a path that did not check for duplicates: someone has to edit one of them.
                    Interlocked.Increment(ref failed);
                    logger.LogWarning("Entry {Id} of {Table} could not be reindexed: {Details}", entry.Id, table.Name, refused.Details);
                }
            });
        }
        if (failed == 0)
        {
            await catalog.SetNeedsReindexAsync(table.Name, false, cancellationToken);
        }
        logger.LogInformation("Reindexed {Count} entries of {Table} ({Failed} could not be).", rewritten, table.Name, failed);
        return rewritten;
    }

    /// <summary>Write tokens and kept Idempotency-Key answers are kept 24 h (docs/data-safety.md); older ones go.</summary>
    private async Task RemoveExpiredWriteTokensAsync(IReadOnlyList<TableDefinition> tables, CancellationToken cancellationToken)
    {
        var answers = await requests.RemoveStartedBeforeAsync(clock.GetUtcNow() - IdempotentCalls.Lifetime, cancellationToken);
        if (answers > 0)
        {
            logger.LogInformation("Removed {Count} kept Idempotency-Key answers older than {Lifetime}.", answers, IdempotentCalls.Lifetime);
        }
        var olderThan = clock.GetUtcNow() - WriteTokens.Lifetime;
        foreach (var table in tables)
        {
            var removed = await store.RemoveTokensOlderThanAsync(table.Name, olderThan, cancellationToken);
            if (removed > 0)
            {
                logger.LogInformation("Removed {Count} write tokens of {Table} older than {Lifetime}.", removed, table.Name, WriteTokens.Lifetime);
            }
        }
    }

    private async Task<int> ClearDanglingReferencesAsync(IReadOnlyList<TableDefinition> tables, CancellationToken cancellationToken)
    {
        var targetIds = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        var cleared = 0;
        foreach (var source in tables)
        {
            foreach (var field in source.Fields.Where(f => f.Type == FieldType.Reference && f.TargetTable is not null))
            {
                var target = tables.FirstOrDefault(t => string.Equals(t.Name, field.TargetTable, StringComparison.OrdinalIgnoreCase));
                if (target is null)
                {
                    continue;
                }
                if (!targetIds.TryGetValue(target.Name, out var ids))
                {
                    targetIds[target.Name] = ids = await store.ListIdsAsync(target.Name, cancellationToken);
                }
                var dangling = new List<(long Holder, string Value)>();
                await foreach (var hit in store.ScanIndexAsync(source.Name, field.Property, cancellationToken))
                {
                    if (!(TryParseId(hit.Value, out var targetId) && ids.Contains(targetId)))
                    {
                        dangling.Add((hit.Id, hit.Value));
                    }
                }
                foreach (var (holder, value) in dangling)
                {
                    if (TryParseId(value, out var targetId) && await store.GetAsync(target.Name, targetId, cancellationToken) is not null)
                    {
                        continue; // created after the ids were listed
                    }
                    if (await ClearAsync(source, holder, field, value, cancellationToken))
                    {
                        cleared++;
                    }
                }
            }
        }
        if (cleared > 0)
        {
            logger.LogInformation("Cleared {Count} references to entries that no longer exist.", cleared);
        }
        return cleared;
    }

    private async Task<bool> ClearAsync(TableDefinition table, long id, FieldDefinition field, string value, CancellationToken cancellationToken)
    {
        var changed = false;
        try
        {
            await writer.ReplaceAsync(table, id, values =>
            {
                // The index holds the reference in its indexed form (ReferenceKeys); compare like with like.
                changed = values.TryGetValue(field.Property, out var stored) && IndexForm(stored) == value && values.Remove(field.Property);
            }, cancellationToken, checkRequired: false); // a dangling value already reads as empty, required or not
            return changed;
        }
        catch (CrmException refused) when (refused.Code is ErrorCode.NotFound or ErrorCode.BadRequest or ErrorCode.Duplicate)
        {
            logger.LogWarning("The reference {Field} of entry {Id} of {Table} to a missing entry was left: {Details}", field.Code, id, table.Name, refused.Details);
            return false;
        }
    }

    private static string IndexForm(string stored) => TryParseId(stored, out var id) ? ReferenceKeys.Of(id) : stored;

    private static bool TryParseId(string value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
