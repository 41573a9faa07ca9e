using Azure;
using Azure.Data.Tables;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Dictionaries;

/// <summary>
/// Dictionaries in <c>CrmDictionaries</c>: one partition per dictionary, one row per value (RowKey = normalized
/// value, so a case variant cannot be added twice) and a <c>~meta</c> row with the spelling of the name,
/// whether it is open, and the insertion counter that orders the values.
/// </summary>
public sealed class DictionaryStore(CrmTableSet tables)
{
    private const string MetaKey = "~meta";
    private readonly TableClient _table = tables.Dictionaries;

    public async Task<DictionaryDefinition?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(name);
        TableEntity? meta = null;
        var values = new List<(long Order, string Value)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == MetaKey)
            {
                meta = row;
            }
            else
            {
                values.Add((row.GetInt64("Order") ?? 0, row.GetString("Value") ?? ""));
            }
        }
        return meta is null
            ? null
            : new DictionaryDefinition(meta.GetString("Name") ?? name, meta.GetBoolean("Open") ?? false, values.OrderBy(v => v.Order).Select(v => v.Value).ToList());
    }

    /// <summary>Creates the dictionary with its values unless it exists (idempotent: seeding from several instances at once is safe).</summary>
    public async Task<bool> CreateAsync(string name, bool open, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(name);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, MetaKey) { ["Name"] = name, ["Open"] = open, ["NextOrder"] = (long)values.Count }),
        };
        actions.AddRange(values
            .DistinctBy(ValueNormalizer.Normalize)
            .Select((value, i) => new TableTransactionAction(TableTransactionActionType.Add, ValueRow(partition, value, i))));
        try
        {
            TableLimits.CheckTransaction(actions);
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>Adds a value at the end; creates the dictionary (closed) when <paramref name="createIfMissing"/>.</summary>
    public async Task<DictionaryChange> AddValueAsync(string name, string value, bool createIfMissing, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(name);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var meta = await _table.GetEntityIfExistsAsync<TableEntity>(partition, MetaKey, cancellationToken: cancellationToken);
            if (!meta.HasValue || meta.Value is null)
            {
                if (!createIfMissing)
                {
                    return DictionaryChange.DictionaryNotFound;
                }
                if (await CreateAsync(name, open: false, [value], cancellationToken))
                {
                    return DictionaryChange.Done;
                }
                continue;
            }
            var order = meta.Value.GetInt64("NextOrder") ?? 0;
            meta.Value["NextOrder"] = order + 1;
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, meta.Value, meta.Value.ETag),
                    new(TableTransactionActionType.Add, ValueRow(partition, value, order)),
                ], cancellationToken);
                return DictionaryChange.Done;
            }
            catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists() && failure.FailedTransactionActionIndex != 0)
            {
                return DictionaryChange.Duplicate;
            }
            catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists() || failure.IsConditionNotMet())
            {
                if (await ContainsAsync(partition, value, cancellationToken))
                {
                    return DictionaryChange.Duplicate;
                }
            }
        }
        throw new WriteConflictException($"The dictionary {name} kept changing; try again.");
    }

    public async Task<DictionaryChange> RemoveValueAsync(string name, string value, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(name);
        var meta = await _table.GetEntityIfExistsAsync<TableEntity>(partition, MetaKey, cancellationToken: cancellationToken);
        if (!meta.HasValue)
        {
            return DictionaryChange.DictionaryNotFound;
        }
        // The SDK reports deleting a missing entity as success; only the response's error code tells.
        var response = await _table.DeleteEntityAsync(partition, KeyEscaper.Escape(ValueNormalizer.Normalize(value)), ETag.All, cancellationToken);
        return response.IsNotFound() ? DictionaryChange.ValueNotFound : DictionaryChange.Done;
    }

    private async Task<bool> ContainsAsync(string partition, string value, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(partition, KeyEscaper.Escape(ValueNormalizer.Normalize(value)), cancellationToken: cancellationToken)).HasValue;

    private static string PartitionOf(string name) => KeyEscaper.Escape(ValueNormalizer.Normalize(name));

    private static TableEntity ValueRow(string partition, string value, long order) =>
        new(partition, KeyEscaper.Escape(ValueNormalizer.Normalize(value))) { ["Value"] = value, ["Order"] = order };
}
