using Crm.Storage.Leases;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Storage.Tests.Leases;

public sealed class LeaseStoreTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task One_holder_at_a_time_until_release_or_expiry_and_a_superseded_holder_cannot_renew()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tables = StorageClients.Tables(Azurite.NewTablePrefix());
        await tables.EnsureCreatedAsync(CancellationToken.None);
        var store = new LeaseStore(tables, clock);

        var first = await store.TryAcquireAsync("sync", "first", Minute, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await store.TryAcquireAsync("sync", "second", Minute, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await store.RenewAsync(first, Minute, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(await store.TryAcquireAsync("sync", "second", Minute, CancellationToken.None)); // renewed: 10 s left

        clock.Advance(TimeSpan.FromSeconds(11));
        var second = await store.TryAcquireAsync("sync", "second", Minute, CancellationToken.None);
        Assert.NotNull(second);
        Assert.False(await store.RenewAsync(first, Minute, CancellationToken.None));
        await store.ReleaseAsync(first, CancellationToken.None); // not ours any more: leaves the row alone
        Assert.Equal("second", (await store.GetHolderAsync("sync", CancellationToken.None))!.Owner);

        await store.ReleaseAsync(second, CancellationToken.None);
        Assert.Null(await store.GetHolderAsync("sync", CancellationToken.None));
        Assert.NotNull(await store.TryAcquireAsync("sync", "third", Minute, CancellationToken.None));
    }
}
