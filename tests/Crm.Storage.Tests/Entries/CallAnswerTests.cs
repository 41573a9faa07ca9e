using Azure.Data.Tables;
using Crm.Storage.Diagnostics;
using Crm.Storage.Entries;
using Crm.TestSupport;

namespace Crm.Storage.Tests.Entries;

/// <summary>Answers of <c>Idempotency-Key</c> calls added to their records together (<see cref="EntryStore.KeepCallAnswersAsync"/>).</summary>
public sealed class CallAnswerTests
{
    [Fact]
    public async Task Answers_are_added_to_their_records_and_a_missing_record_costs_only_its_own_answer()
    {
        var tables = StorageClients.Tables(Azurite.NewTablePrefix());
        await tables.EnsureCreatedAsync(CancellationToken.None);
        var store = new EntryStore(tables, new StorageMetrics());
        var calls = Enumerable.Range(1, 150).Select(i => $"call{i:D3}").ToList();
        foreach (var call in calls)
        {
            Assert.Null(await store.TryRecordCallAsync("ANSWERS", call, new CallRecord("fp-" + call, null, null), CancellationToken.None));
        }

        // 151 answers: more than one transaction holds, one of them for a call never recorded.
        var answers = calls.Append("never-recorded").Select(c => (c, new CallRecord("fp-" + c, 200, $"{{\"id\":\"{c}\"}}"))).ToList();
        var failures = await store.KeepCallAnswersAsync("ANSWERS", answers, CancellationToken.None);

        Assert.Equal(404, Assert.Single(failures).Status);
        foreach (var call in calls)
        {
            var row = (await tables.Entities.GetEntityAsync<TableEntity>("ANSWERS", WriteTokens.CallRecordRowKey(call))).Value;
            var record = CallRecord.FromRow(row);
            Assert.Equal(new CallRecord("fp-" + call, 200, $"{{\"id\":\"{call}\"}}"), record);
        }
        Assert.False((await tables.Entities.GetEntityIfExistsAsync<TableEntity>("ANSWERS", WriteTokens.CallRecordRowKey("never-recorded"))).HasValue);
    }
}
