using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Entries;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Bench.Seeding;

/// <summary>
/// Writes entries straight to Table Storage in batched transactions (≤ 100 rows, whole entries only), with
/// exactly the rows a create through the API writes: the image from <see cref="EntryImageBuilder"/> and the
/// rows from <see cref="EntryRows.CreateActions"/>, so the layout cannot drift from the engine's.
/// Seeding 100,000 contacts through the API would take far longer on Azurite.
/// </summary>
public sealed class EntrySeeder(TableClient table)
{
    /// <summary>Writes entries <paramref name="first"/>..<paramref name="last"/> and moves the id counter to <paramref name="last"/>; returns rows written.</summary>
    public async Task<long> SeedAsync(
        TableDefinition definition, long first, long last, Func<long, IReadOnlyDictionary<string, string>> values, int parallelism, string label)
    {
        long rows = 0;
        long entries = 0;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(10);
        await Parallel.ForEachAsync(Batches(definition, first, last, values), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (batch, cancellationToken) =>
            {
                await table.SubmitTransactionAsync(batch.Actions, cancellationToken);
                Interlocked.Add(ref rows, batch.Actions.Count);
                var done = Interlocked.Add(ref entries, batch.Entries);
                lock (clock)
                {
                    if (clock.Elapsed >= nextReport)
                    {
                        nextReport = clock.Elapsed + TimeSpan.FromSeconds(10);
                        Console.Error.WriteLine($"    {label}: {done:N0}/{last - first + 1:N0} entries, {done / clock.Elapsed.TotalSeconds:0}/s");
                    }
                }
            });
        await SetCounterAsync(definition.Name, last);
        Console.Error.WriteLine($"    {label}: {entries:N0} entries ({rows:N0} rows) in {clock.Elapsed.TotalSeconds:0.0} s");
        return rows;
    }

    public async Task SetCounterAsync(string partition, long last)
    {
        var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKeys.Counter);
        var etag = current.HasValue && current.Value is not null ? current.Value.ETag : default(ETag);
        await table.SubmitTransactionAsync([EntryRows.CounterAction(partition, last, etag)]);
    }

    private static IEnumerable<Batch> Batches(TableDefinition definition, long first, long last, Func<long, IReadOnlyDictionary<string, string>> values)
    {
        var actions = new List<TableTransactionAction>(TableLimits.MaxTransactionActions);
        var entries = 0;
        for (var id = first; id <= last; id++)
        {
            var rows = EntryRows.CreateActions(definition.Name, id, EntryImageBuilder.Build(definition, values(id)));
            if (actions.Count + rows.Count > TableLimits.MaxTransactionActions)
            {
                yield return new Batch(actions, entries);
                actions = new List<TableTransactionAction>(TableLimits.MaxTransactionActions);
                entries = 0;
            }
            actions.AddRange(rows);
            entries++;
        }
        if (actions.Count > 0)
        {
            yield return new Batch(actions, entries);
        }
    }

    private sealed record Batch(List<TableTransactionAction> Actions, int Entries);
}
