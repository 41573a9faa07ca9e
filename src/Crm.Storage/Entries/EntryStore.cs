using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Storage.Diagnostics;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// The entries of every CRM table, one partition per table (design §2). Each create, update and
/// delete is one entity-group transaction holding the entry, its claim and index rows and (on create)
/// the id counter, so a failed write leaves nothing behind.
/// </summary>
public sealed partial class EntryStore(CrmTableSet tables, StorageMetrics metrics)
{
    /// <summary>The entry property listing the RowKeys of its claim and index rows, so an update or delete removes exactly those.</summary>
    public const string RowsProperty = "Rows";

    private const int MaxUpdateAttempts = 5;
    private const int MaxCounterAttempts = 30;
    private const int ParallelReads = 16;

    private readonly TableClient _table = tables.Entities;
    private readonly ConcurrentDictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CreateQueue> _createQueues = new(StringComparer.Ordinal);

    /// <summary>Creates an entry with the table's next id. Concurrent creates in one table share transactions (see <see cref="CreateQueue"/>).</summary>
    public Task<long> CreateAsync(string table, EntryImage image, CancellationToken cancellationToken) =>
        _createQueues.GetOrAdd(table, name => new CreateQueue(creates => WriteCreatesAsync(name, creates)))
            .EnqueueAsync(new PendingCreate(image, WriteTokens.For(table, "create"), TransactionSize.Of(CreateActions(table, 0, image))), cancellationToken);

    /// <summary>
    /// Writes entries with consecutive ids, each with its write token, and the counter in one transaction; returns
    /// the first id. The counter's ETag keeps other instances out; losing to one means a fresh read and another try.
    /// </summary>
    private async Task<long> WriteCreatesAsync(string table, IReadOnlyList<PendingCreate> creates)
    {
        for (var attempt = 1; attempt <= MaxCounterAttempts; attempt++)
        {
            var counter = _counters.TryGetValue(table, out var cached) ? cached : await ReadCounterAsync(table, CancellationToken.None);
            var last = counter.Last + creates.Count;
            var actions = new List<TableTransactionAction> { CounterAction(table, last, counter.ETag) };
            for (var i = 0; i < creates.Count; i++)
            {
                var id = counter.Last + 1 + i;
                actions.AddRange(CreateActions(table, id, creates[i].Image));
                actions.Add(WriteTokens.AddAction(table, creates[i].Token, id));
            }
            try
            {
                var committed = await SubmitRecoveringAsync(table, actions, creates[0].Token, CancellationToken.None);
                if (committed.Recovered)
                {
                    // An earlier send (or an earlier call with the same idempotency key) wrote these entries.
                    _counters.TryRemove(table, out _);
                    return committed.Token!.GetInt64(WriteTokens.IdProperty) ?? throw new InvalidDataException("A write token without its id.");
                }
                var etag = committed.Response!.Value[0].Headers.ETag;
                if (etag.HasValue)
                {
                    _counters[table] = new CounterState(last, etag.Value);
                }
                else
                {
                    _counters.TryRemove(table, out _);
                }
                return counter.Last + 1;
            }
            catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
            {
                // Azure's answer to a transaction over 4 MiB: alone, each create gets its own answer.
                throw creates.Count > 1
                    ? new BatchRejectedException(tooLarge)
                    : TableLimits.TooLarge(actions[1].Entity, "was refused by storage as too large (413)");
            }
            catch (TableTransactionFailedException failure)
            {
                _counters.TryRemove(table, out _);
                var counterLost = failure.FailedTransactionActionIndex == 0 || (failure.FailedTransactionActionIndex is null && failure.Status == 412);
                if (!counterLost && creates.Count > 1)
                {
                    throw new BatchRejectedException(failure);
                }
                if (!counterLost)
                {
                    await ThrowIfDuplicateAsync(table, actions, failure, CancellationToken.None);
                    if (failure.Status is not (409 or 412))
                    {
                        throw;
                    }
                }
                await Task.Delay(Random.Shared.Next(2, 10 * attempt));
            }
            catch (StorageLimitException) when (creates.Count > 1)
            {
                throw new BatchRejectedException(new StorageLimitException("batch too large"));
            }
        }
        throw new WriteConflictException($"Another writer kept taking the next id of {table}; try again.");
    }

    /// <summary>
    /// Reads the entry, asks <paramref name="change"/> for its new image and writes it guarded by the
    /// entry's ETag; a lost race starts again from a fresh read.
    /// </summary>
    public async Task<StoredEntry> UpdateAsync(
        string table, long id, Func<StoredEntry, Task<EntryImage>> change, CancellationToken cancellationToken)
    {
        var token = WriteTokens.For(table, "update", id);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var current = await ReadEntityAsync(table, id, cancellationToken);
            if (current is null)
            {
                return await AlreadyWrittenAsync(table, id, token, cancellationToken) ?? throw new EntryNotFoundException(table, id);
            }
            var image = await change(ToStoredEntry(current));
            var entity = EntryEntity(table, id, image);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, entity, current.ETag),
            };
            AddRowActions(actions, table, id, image, previousRows: RowsOf(current));
            actions.Add(WriteTokens.AddAction(table, token, id));
            try
            {
                await SubmitRecoveringAsync(table, actions, token, cancellationToken);
                return ToStoredEntry(entity);
            }
            catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
            {
                throw TableLimits.TooLarge(entity, "was refused by storage as too large (413)");
            }
            catch (TableTransactionFailedException failure)
            {
                await ThrowIfDuplicateAsync(table, actions, failure, cancellationToken);
                if (failure.Status is not (412 or 404 or 409))
                {
                    throw;
                }
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
        throw new WriteConflictException($"Entry {id} of {table} kept changing while it was being edited; try again.");
    }

    /// <summary>Deletes the entry with its claim and index rows; returns what it held.</summary>
    public async Task<StoredEntry> DeleteAsync(string table, long id, CancellationToken cancellationToken)
    {
        var token = WriteTokens.For(table, "delete", id);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var current = await ReadEntityAsync(table, id, cancellationToken);
            if (current is null)
            {
                return await AlreadyWrittenAsync(table, id, token, cancellationToken) ?? throw new EntryNotFoundException(table, id);
            }
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Delete, current, current.ETag),
            };
            actions.AddRange(RowsOf(current).Select(rowKey =>
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(table, rowKey), ETag.All)));
            actions.Add(WriteTokens.AddAction(table, token, id));
            try
            {
                await SubmitRecoveringAsync(table, actions, token, cancellationToken);
                return ToStoredEntry(current);
            }
            catch (RequestFailedException tooLarge) when (tooLarge.Status == 413)
            {
                throw TableLimits.TooLarge(current, "was refused by storage as too large (413)");
            }
            catch (TableTransactionFailedException failure) when (failure.Status is 412 or 404)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
        throw new WriteConflictException($"Entry {id} of {table} kept changing while it was being deleted; try again.");
    }

    public async Task<StoredEntry?> GetAsync(string table, long id, CancellationToken cancellationToken)
    {
        var entity = await ReadEntityAsync(table, id, cancellationToken);
        return entity is null ? null : ToStoredEntry(entity);
    }

    /// <summary>Point-reads several entries in parallel; missing ones are left out. Keeps the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<StoredEntry>> GetManyAsync(string table, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var found = new StoredEntry?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await GetAsync(table, ids[i], ct));
        return found.OfType<StoredEntry>().ToList();
    }

    /// <summary>Every entry of the table in id order, a storage page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<StoredEntry>> ListAsync(
        string table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryRangeAsync(table, RowKeys.EntryPrefix, cancellationToken))
        {
            yield return page.Select(ToStoredEntry).ToList();
        }
    }

    /// <summary>The index rows of one field whose value equals (or, with <paramref name="prefix"/>, starts with) the given normalized value.</summary>
    public async IAsyncEnumerable<IndexHit> FindAsync(
        string table, string field, string normalizedValue, bool prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keyPrefix = prefix
            ? RowKeys.IndexStartsWithPrefix(field, normalizedValue)
            : RowKeys.IndexValuePrefix(field, normalizedValue);
        await foreach (var page in QueryRangeAsync(table, keyPrefix, cancellationToken))
        {
            foreach (var row in page)
            {
                var indexed = IndexedValue(row);
                // An exact match compares the stored value too: a long value's key ends in a hash, not the value.
                if (prefix ? !indexed.StartsWith(normalizedValue, StringComparison.Ordinal) : indexed != normalizedValue)
                {
                    continue;
                }
                yield return new IndexHit(RowKeys.IndexId(row.RowKey), Properties(row), indexed);
            }
        }
    }

    /// <summary>Every index row of one field (maintenance and reverse lookups over a whole field).</summary>
    public async IAsyncEnumerable<IndexHit> ScanIndexAsync(string table, string field, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryRangeAsync(table, RowKeys.IndexFieldPrefix(field), cancellationToken))
        {
            foreach (var row in page)
            {
                yield return new IndexHit(RowKeys.IndexId(row.RowKey), Properties(row), IndexedValue(row));
            }
        }
    }

    /// <summary>The index rows of one field whose value lies between <paramref name="from"/> and <paramref name="to"/> (both included), in key order.</summary>
    public async IAsyncEnumerable<IndexHit> FindBetweenAsync(
        string table, string field, string from, string to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lower = RowKeys.IndexValuePrefix(field, from);
        var upper = KeyEscaper.UpperBound(RowKeys.IndexValuePrefix(field, to));
        await foreach (var page in QueryKeysAsync(table, lower, upper, cancellationToken))
        {
            foreach (var row in page)
            {
                yield return new IndexHit(RowKeys.IndexId(row.RowKey), Properties(row), IndexedValue(row));
            }
        }
    }

    /// <summary>The id of the entry holding a unique value, or null.</summary>
    public async Task<long?> GetClaimHolderAsync(string table, string field, string normalizedValue, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, RowKeys.Claim(field, normalizedValue), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is null || !ClaimHolds(response.Value, normalizedValue))
        {
            return null;
        }
        metrics.CountRows(1);
        return response.Value.GetInt64("Id");
    }

    /// <summary>The last id handed out in the table (0 when none).</summary>
    public async Task<long> GetLastIdAsync(string table, CancellationToken cancellationToken) =>
        (await ReadCounterAsync(table, cancellationToken)).Last;

    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> QueryRangeAsync(
        string table, string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryKeysAsync(table, keyPrefix, KeyEscaper.UpperBound(keyPrefix), cancellationToken))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> QueryKeysAsync(
        string table, string lower, string upper, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {table} and RowKey ge {lower} and RowKey lt {upper}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            metrics.CountQuery();
            metrics.CountRows(page.Values.Count);
            yield return page.Values;
        }
    }

    private async Task<TableEntity?> ReadEntityAsync(string table, long id, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, RowKeys.Entry(id), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }
        metrics.CountRows(1);
        return response.Value;
    }

    private async Task<CounterState> ReadCounterAsync(string table, CancellationToken cancellationToken)
    {
        metrics.CountQuery();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(table, RowKeys.Counter, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is not null
            ? new CounterState(response.Value.GetInt64("Last") ?? 0, response.Value.ETag)
            : new CounterState(0, default);
    }

    /// <summary>
    /// The rows a create writes for entry <paramref name="id"/>: the entry, its claims and its index rows (not the counter).
    /// Bulk loaders (the benchmark's seeding) write exactly these, so their layout cannot drift from the engine's.
    /// </summary>
    public static IReadOnlyList<TableTransactionAction> CreateActions(string table, long id, EntryImage image)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, EntryEntity(table, id, image)) };
        AddRowActions(actions, table, id, image, previousRows: new HashSet<string>(StringComparer.Ordinal));
        return actions;
    }

    /// <summary>The write of the id counter: insert when <paramref name="etag"/> is default (no counter yet), else replace guarded by it.</summary>
    public static TableTransactionAction CounterAction(string table, long last, ETag etag)
    {
        var counter = new TableEntity(table, RowKeys.Counter) { ["Last"] = last };
        return etag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, counter)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, etag);
    }

    private static TableEntity EntryEntity(string table, long id, EntryImage image)
    {
        var entity = new TableEntity(table, RowKeys.Entry(id));
        foreach (var (property, value) in image.Values)
        {
            if (value.Length > 0)
            {
                entity[property] = value;
            }
        }
        var rows = image.Claims.Select(c => RowKeys.Claim(c.Field, c.NormalizedValue))
            .Concat(image.Index.Select(x => RowKeys.Index(x.Field, x.NormalizedValue, id)));
        entity[RowsProperty] = string.Join('\n', rows);
        return entity;
    }

    /// <summary>Adds the claim and index row writes that turn <paramref name="previousRows"/> into the rows of <paramref name="image"/>.</summary>
    private static void AddRowActions(List<TableTransactionAction> actions, string table, long id, EntryImage image, HashSet<string> previousRows)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in image.Claims)
        {
            var rowKey = RowKeys.Claim(claim.Field, claim.NormalizedValue);
            if (wanted.Add(rowKey) && !previousRows.Contains(rowKey))
            {
                var row = new TableEntity(table, rowKey) { ["Id"] = id, ["Field"] = claim.Field };
                if (KeyEscaper.IsTruncated(rowKey))
                {
                    row["V"] = claim.NormalizedValue; // the key holds a hash: keep the value to compare
                }
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            }
        }
        foreach (var index in image.Index)
        {
            var rowKey = RowKeys.Index(index.Field, index.NormalizedValue, id);
            if (!wanted.Add(rowKey) || (previousRows.Contains(rowKey) && index.Properties is null))
            {
                continue;
            }
            var row = new TableEntity(table, rowKey);
            if (KeyEscaper.IsTruncated(RowKeys.IndexSegment(rowKey)))
            {
                row["V"] = index.NormalizedValue;
            }
            foreach (var (name, value) in index.Properties ?? new Dictionary<string, string>())
            {
                row[name] = value;
            }
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        foreach (var stale in previousRows.Where(rowKey => !wanted.Contains(rowKey)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(table, stale), ETag.All));
        }
    }

    private async Task<Response<IReadOnlyList<Response>>> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableLimits.CheckTransaction(actions);
        return await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>When the transaction failed on a uniqueness claim, throws <see cref="DuplicateValueException"/> naming the holder.</summary>
    private async Task ThrowIfDuplicateAsync(string table, List<TableTransactionAction> actions, TableTransactionFailedException failure, CancellationToken cancellationToken)
    {
        if (failure.Status != 409)
        {
            return;
        }
        var claims = actions
            .Where(a => a.ActionType == TableTransactionActionType.Add && a.Entity.RowKey.StartsWith("u~", StringComparison.Ordinal))
            .Select(a => (TableEntity)a.Entity);
        if (failure.FailedTransactionActionIndex is { } index && index < actions.Count)
        {
            claims = claims.Where(c => ReferenceEquals(c, actions[index].Entity));
        }
        foreach (var claim in claims)
        {
            metrics.CountQuery();
            var holder = await _table.GetEntityIfExistsAsync<TableEntity>(table, claim.RowKey, cancellationToken: cancellationToken);
            if (holder.HasValue && holder.Value is not null && (claim.GetString("V") is not { } ours || ClaimHolds(holder.Value, ours)))
            {
                throw new DuplicateValueException(claim.GetString("Field"), holder.Value.GetInt64("Id") ?? 0);
            }
        }
    }

    private static HashSet<string> RowsOf(TableEntity entity) =>
        (entity.GetString(RowsProperty) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static StoredEntry ToStoredEntry(TableEntity entity)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (value is string text && name is not (RowsProperty or "PartitionKey" or "RowKey" or "odata.etag"))
            {
                values[name] = text;
            }
        }
        return new StoredEntry(RowKeys.EntryId(entity.RowKey), values);
    }

    private static Dictionary<string, string> Properties(TableEntity row)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            if (value is string text && name is not ("PartitionKey" or "RowKey" or "odata.etag" or "V"))
            {
                properties[name] = text;
            }
        }
        return properties;
    }

    /// <summary>False when a claim's key stands for another value (a hashed key segment shared by two values).</summary>
    private static bool ClaimHolds(TableEntity claim, string normalizedValue) =>
        claim.GetString("V") is not { } stored || stored == normalizedValue;

    private static string IndexedValue(TableEntity row) =>
        row.GetString("V") ?? KeyEscaper.Unescape(RowKeys.IndexSegment(row.RowKey));

    private readonly record struct CounterState(long Last, ETag ETag);
}
