using Azure.Data.Tables;

namespace Crm.Storage.Entries;

/// <summary>Azure Table Storage limits that Azurite accepts silently, checked before anything is sent.</summary>
public static class TableLimits
{
    public const int MaxTransactionActions = 100;

    /// <summary>
    /// Rows an edit's transaction carries besides claim and index rows: the entry, its write token and, for an
    /// <c>Idempotency-Key</c> call, the call's record (<see cref="CallRecord"/>).
    /// </summary>
    public const int FixedRowsPerEdit = 3;

    /// <summary>
    /// The claim and index rows one entry may hold (issue 15, defect 8): an edit that replaces every one of them deletes
    /// the old rows and adds as many new ones in one transaction, so 3 + 48 + 48 = 99 is the worst an edit can need.
    /// Per entry, not per field: one edit may replace the values of several fields at once.
    /// </summary>
    public const int MaxRowsPerEntry = (MaxTransactionActions - FixedRowsPerEdit) / 2;
    public const int MaxCustomProperties = 252;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;

    public static void CheckTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count > MaxTransactionActions)
        {
            throw new StorageLimitException(
                $"This change needs {actions.Count} row writes; one transaction holds at most {MaxTransactionActions}. Mark fewer fields unique or searchable.");
        }
        var partitions = actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count();
        if (partitions > 1)
        {
            throw new InvalidOperationException("A transaction must stay inside one partition.");
        }
        foreach (var action in actions)
        {
            if (action.Entity is TableEntity entity)
            {
                CheckEntity(entity);
            }
        }
        var bytes = TransactionSize.Of(actions);
        if (bytes > TransactionSize.MaxBytes)
        {
            throw TooLarge(actions.Select(a => a.Entity).FirstOrDefault(e => e.RowKey.StartsWith("e~", StringComparison.Ordinal)) ?? actions[0].Entity,
                $"needs about {bytes / 1024} KiB as sent");
        }
    }

    /// <summary>A refusal naming the property that takes the most room (a value non-ASCII text makes six times larger as sent).</summary>
    public static StorageLimitException TooLarge(ITableEntity entry, string how)
    {
        var property = TransactionSize.LargestProperty(entry);
        return new StorageLimitException(
            $"This write {how}; one transaction may carry at most {TransactionSize.MaxBytes / 1024 / 1024} MiB (text outside ASCII counts six bytes a character, and indexed values are copied into index rows). Shorten the largest value{(property is null ? "" : $" ({property})")}.")
        {
            Property = property,
        };
    }

    public static void CheckEntity(TableEntity entity)
    {
        var custom = entity.Keys.Count(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));
        if (custom > MaxCustomProperties)
        {
            throw new StorageLimitException($"An entry can hold at most {MaxCustomProperties} values; this one has {custom}.");
        }
        long bytes = 4 + 2 * (entity.PartitionKey.Length + entity.RowKey.Length);
        foreach (var (name, value) in entity)
        {
            if (value is string text)
            {
                if (text.Length > MaxStringLength)
                {
                    throw new StorageLimitException($"A value can be at most {MaxStringLength} characters long; one has {text.Length}.");
                }
                bytes += 8 + 2 * name.Length + 4 + 2 * text.Length;
            }
            else
            {
                bytes += 8 + 2 * name.Length + 8;
            }
        }
        if (bytes > MaxEntityBytes)
        {
            throw new StorageLimitException($"An entry can take at most 1 MiB; this one needs {bytes / 1024} KiB.");
        }
    }
}
