using Azure;
using Azure.Data.Tables;
using Crm.Storage.Keys;
using Crm.Storage.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// The schema generation a table's partition knows of, kept on its id counter (issue 15, defect 9). Every create
/// replaces the counter under its ETag, so raising the generation there makes each create planned before the raise
/// fail and look again; an edit is checked against the stamp of the entry it replaces (see <see cref="UpdateAsync"/>).
/// No row of its own: a row every write had to touch would serialize the table's writes.
/// </summary>
public sealed partial class EntryStore
{
    /// <summary>The generation the table's partition knows of (0 when never raised).</summary>
    public async Task<long> GetGenerationAsync(string table, CancellationToken cancellationToken) =>
        (await ReadCounterAsync(table, cancellationToken)).Generation;

    /// <summary>
    /// Raises the generation the partition knows of to at least <paramref name="generation"/> (a schema change calls it
    /// after writing the schema); from then on no create planned with an older generation commits.
    /// </summary>
    public async Task RaiseGenerationAsync(string table, long generation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxCounterAttempts; attempt++)
        {
            _counters.TryRemove(table, out _);
            var counter = await ReadCounterAsync(table, cancellationToken);
            if (counter.Generation >= generation)
            {
                return;
            }
            var raise = EntryRows.CounterAction(table, counter.Last, counter.ETag, generation);
            try
            {
                await _table.SubmitTransactionAsync([raise], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException lost) when (lost.IsConditionNotMet() || lost.IsAlreadyExists())
            {
                // A create took the next id meanwhile: read the counter again.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
        throw new WriteConflictException($"The id counter of {table} kept changing while its schema generation was raised; try again.");
    }

    /// <summary>The entry's stamp when <paramref name="image"/> was planned with an older generation than it (to be planned again), else null.</summary>
    private static long? NewerStamp(EntryImage image, TableEntity current) =>
        EntryRows.GenerationOf(current) is var stamped && image.Generation < stamped ? stamped : null;
}
