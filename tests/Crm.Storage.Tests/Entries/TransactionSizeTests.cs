using Crm.Storage.Entries;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Crm.TestSupport.Faults;

namespace Crm.Storage.Tests.Entries;

/// <summary>
/// Issue 15, defect 7: Azure refuses a transaction over 4 MiB with 413 (Azurite does not). Transactions are sized by
/// their bytes as sent; a 413 on a group commit retries its creates one by one; one too large alone is refused.
/// </summary>
public sealed class TransactionSizeTests(StorageTables storage) : IClassFixture<StorageTables>
{
    [Fact]
    public async Task A_create_over_4_MiB_as_sent_is_refused_naming_the_largest_value_though_its_entity_is_under_1_MiB()
    {
        var table = StorageTables.NewPartition("size");
        var store = storage.NewStore();
        // 15 values of 30,000 non-ASCII characters: 900 KB as UTF-16 (under the entity limit), 2.7 MB as sent;
        // indexed, each long value is copied into its index row too.
        var values = Enumerable.Range(1, 15).Select(i => ($"f{i}", new string('é', 29_000 + i))).ToArray();
        var image = Images.With(values, index: values.Select(v => new IndexRow(v.Item1, v.Item2)));

        var refused = await Assert.ThrowsAsync<StorageLimitException>(() => store.CreateAsync(table, image, CancellationToken.None));

        Assert.Equal("f15", refused.Property);
        Assert.Contains("4 MiB", refused.Message);
        Assert.Empty(await storage.RawRowsAsync(table));
    }

    [Fact]
    public async Task A_413_on_a_group_commit_retries_its_creates_one_by_one_and_refuses_only_the_one_too_large()
    {
        await using var proxy = new StorageFaultProxy(Azurite.ConnectionString);
        var tables = new CrmTableSet(new Azure.Data.Tables.TableServiceClient(proxy.ConnectionString), storage.Prefix);
        var store = storage.NewStore(tables);
        var table = StorageTables.NewPartition("size");
        proxy.Rule = request => request.IsBatch && request.Body.Contains("HUGE", StringComparison.Ordinal)
            ? StorageFault.Status(413, "RequestBodyTooLarge")
            : StorageFault.None;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Index: i, Id: await store.CreateAsync(table, Images.Values(("f1", i == 7 ? "HUGE" : $"value {i}")), CancellationToken.None), Failure: (Exception?)null);
            }
            catch (StorageLimitException limit)
            {
                return (Index: i, Id: 0L, Failure: limit);
            }
        })));

        Assert.Equal(7, Assert.Single(outcomes, o => o.Failure is not null).Index);
        Assert.Equal("f1", ((StorageLimitException)outcomes[7].Failure!).Property);
        Assert.Equal(Enumerable.Range(1, 29).Select(i => (long)i), outcomes.Where(o => o.Failure is null).Select(o => o.Id).Order());
    }
}
