using Azure;
using Azure.Data.Tables;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Schema;

/// <summary>
/// The tables and fields, all in one partition of <c>CrmSchema</c> so that seeding and every schema
/// change is one transaction.
/// </summary>
public sealed class SchemaStore(CrmTableSet tables)
{
    internal const string Partition = "schema";
    private const string SeedMarker = "seeded~v1";
    private readonly TableClient _table = tables.Schema;

    internal static string TableKey(string table) => "t~" + table;
    internal static string FieldKey(string table, string code) => $"f~{table}~{KeyEscaper.Escape(code.ToLowerInvariant())}";

    public async Task<IReadOnlyList<TableDefinition>> LoadAsync(CancellationToken cancellationToken)
    {
        var tableRows = new List<TableRow>();
        await foreach (var row in _table.QueryAsync<TableRow>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge 't~' and RowKey lt 't\u007f'"), cancellationToken: cancellationToken))
        {
            tableRows.Add(row);
        }
        var fields = new List<FieldDefinition>();
        await foreach (var row in _table.QueryAsync<FieldRow>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge 'f~' and RowKey lt 'f\u007f'"), cancellationToken: cancellationToken))
        {
            fields.Add(row.ToDefinition());
        }
        return tableRows
            .OrderBy(t => t.Order)
            .Select(t => new TableDefinition(
                t.RowKey[2..],
                t.ListKey,
                fields.Where(f => f.Table == t.RowKey[2..]).OrderBy(f => f.Order).ToList(),
                t.NeedsReindex,
                t.Generation))
            .ToList();
    }

    /// <summary>Writes the default schema once. Safe when several instances start together: one transaction wins, the others see the marker.</summary>
    public async Task<bool> SeedAsync(IReadOnlyList<TableDefinition> defaults, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, SeedMarker, cancellationToken: cancellationToken);
        if (marker.HasValue)
        {
            return false;
        }
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(Partition, SeedMarker)),
        };
        for (var i = 0; i < defaults.Count; i++)
        {
            var table = defaults[i];
            actions.Add(new(TableTransactionActionType.Add, NewTableRow(table, i)));
            actions.AddRange(table.Fields.Select(f => new TableTransactionAction(TableTransactionActionType.Add, FieldRow.From(f))));
        }
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

    /// <summary>Adds a table with its title field; false when the table exists.</summary>
    public async Task<bool> AddTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        var order = (await LoadAsync(cancellationToken)).Count;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, NewTableRow(table, order)) };
        actions.AddRange(table.Fields.Select(f => new TableTransactionAction(TableTransactionActionType.Add, FieldRow.From(f))));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>
    /// Adds a field, assigning it the table's next free property name in the same transaction (which also bumps the
    /// table's generation: writers that do not know the field must not rewrite entries holding it).
    /// <paramref name="create"/> gets the property name and order. False when the code is taken.
    /// </summary>
    public async Task<FieldDefinition?> AddFieldAsync(string table, Func<string, int, FieldDefinition> create, CancellationToken cancellationToken)
    {
        FieldDefinition? field = null;
        try
        {
            await ChangeRowsAsync(table, markReindex: false, tableRow =>
            {
                field = create("f" + tableRow.NextProperty, tableRow.NextProperty);
                tableRow.NextProperty++;
                return [new(TableTransactionActionType.Add, FieldRow.From(field))];
            }, cancellationToken);
            return field;
        }
        catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists())
        {
            return null;
        }
    }

    /// <summary>Replaces a field; with <paramref name="markReindex"/> (its rows change) also bumps the table's generation and marks it for reindexing.</summary>
    public async Task UpdateFieldAsync(FieldDefinition field, bool markReindex, CancellationToken cancellationToken)
    {
        TableTransactionAction replace = new(TableTransactionActionType.UpdateReplace, FieldRow.From(field), ETag.All);
        if (markReindex)
        {
            await ChangeRowsAsync(field.Table, markReindex: true, _ => [replace], cancellationToken);
        }
        else
        {
            await _table.SubmitTransactionAsync([replace], cancellationToken);
        }
    }

    /// <summary>Removes a field, bumping the table's generation and marking it for reindexing (its claim and index rows must go).</summary>
    public async Task RemoveFieldAsync(FieldDefinition field, CancellationToken cancellationToken) =>
        await ChangeRowsAsync(field.Table, markReindex: true,
            _ => [new(TableTransactionActionType.Delete, new TableEntity(Partition, FieldKey(field.Table, field.Code)), ETag.All)], cancellationToken);

    /// <summary>
    /// Clears the table's reindex mark, unless its generation moved past <paramref name="reindexedGeneration"/> (a change
    /// made while the reindex ran, whose rows it may have missed). True when the mark is clear.
    /// </summary>
    public async Task<bool> ClearNeedsReindexAsync(string table, long reindexedGeneration, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var tableRow = (await _table.GetEntityAsync<TableRow>(Partition, TableKey(table), cancellationToken: cancellationToken)).Value;
            if (!tableRow.NeedsReindex)
            {
                return true;
            }
            if (tableRow.Generation != reindexedGeneration)
            {
                return false;
            }
            tableRow.NeedsReindex = false;
            try
            {
                await _table.UpdateEntityAsync(tableRow, tableRow.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException failure) when (failure.Status == 412)
            {
                continue;
            }
        }
        return false;
    }

    /// <summary>
    /// Writes a change of the table's fields together with the table row, whose generation it bumps (and, with
    /// <paramref name="markReindex"/>, whose reindex mark it sets), guarded by the table row's ETag; returns the new generation.
    /// </summary>
    private async Task<long> ChangeRowsAsync(
        string table, bool markReindex, Func<TableRow, List<TableTransactionAction>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var tableRow = (await _table.GetEntityAsync<TableRow>(Partition, TableKey(table), cancellationToken: cancellationToken)).Value;
            tableRow.Generation++;
            tableRow.NeedsReindex |= markReindex;
            var actions = change(tableRow);
            actions.Add(new(TableTransactionActionType.UpdateReplace, tableRow, tableRow.ETag));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return tableRow.Generation;
            }
            catch (TableTransactionFailedException failure) when (failure.IsConditionNotMet())
            {
                continue;
            }
        }
        throw new WriteConflictException($"The schema of {table} kept changing; try again.");
    }

    private static TableRow NewTableRow(TableDefinition table, int order) => new()
    {
        RowKey = TableKey(table.Name),
        ListKey = table.ListKey,
        NextProperty = table.Fields.Count == 0 ? 1 : table.Fields.Max(f => f.Order) + 1,
        Order = order,
    };
}
