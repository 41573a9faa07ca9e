using System.Globalization;
using Crm.Core.Idempotency;
using Crm.Storage.Idempotency;
using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Schema;
using Crm.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Sync;

/// <summary>
/// Repairs what cross-partition work and schema changes leave behind (docs/design.md#storage-layout): rebuilds the claim and
/// index rows of tables whose schema marked them for reindexing (entries written with an older schema generation), and
/// clears references whose target entry no longer exists (a crash between deleting an entry and unlinking it). An entry
/// it cannot fix is logged and skipped; the run goes on.
/// </summary>
public sealed class MaintenancePass(
    SchemaCatalog catalog, EntryStore store, EntryWriter writer, TableReindexer reindexer, IdempotencyStore requests, TimeProvider clock, ILogger<MaintenancePass> logger)
{
    public async Task<MaintenanceCounts> RunAsync(CancellationToken cancellationToken)
    {
        // Straight from storage, not the cache: the marks, generations and fields must be the current ones.
        var tables = await catalog.GetCurrentTablesAsync(cancellationToken);
        var reindexed = 0;
        foreach (var table in tables.Where(t => t.NeedsReindex))
        {
            reindexed += (await reindexer.ReindexAsync(table, cancellationToken)).Rewritten;
        }
        var cleared = await ClearDanglingReferencesAsync(tables, cancellationToken);
        await RemoveExpiredWriteTokensAsync(tables, cancellationToken);
        return new MaintenanceCounts(cleared, reindexed);
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
        catch (Exception refused) when (refused is not OperationCanceledException && !StorageOutage.IsOutage(refused, cancellationToken))
        {
            var details = refused is CrmException crm ? crm.Details : refused.Message;
            logger.LogWarning("The reference {Field} of entry {Id} of {Table} to a missing entry was left: {Details}", field.Code, id, table.Name, details);
            return false;
        }
    }

    private static string IndexForm(string stored) => TryParseId(stored, out var id) ? ReferenceKeys.Of(id) : stored;

    private static bool TryParseId(string value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
