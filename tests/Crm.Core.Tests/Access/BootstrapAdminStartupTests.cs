using Crm.Core.Access;
using Crm.Storage.Access;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.Options;

namespace Crm.Core.Tests.Access;

/// <summary>The first administrator is created once, also when several instances start at the same moment.</summary>
public sealed class BootstrapAdminStartupTests
{
    private static async Task<(CrmTableSet Tables, AccessStore Store)> NewStoreAsync(string prefix)
    {
        var tables = StorageClients.Tables(prefix);
        await tables.EnsureCreatedAsync(CancellationToken.None);
        return (tables, new AccessStore(tables));
    }

    private static BootstrapAdminStartup Startup(AccessStore store, string admin) =>
        new(new StoredUserDirectory(store, TimeProvider.System), Options.Create(new BootstrapOptions { Admin = admin }));

    [Fact]
    public async Task Instances_starting_together_create_one_admin_with_the_admin_right()
    {
        var prefix = Azurite.NewTablePrefix();
        var instances = new List<AccessStore>();
        for (var i = 0; i < 4; i++)
        {
            instances.Add((await NewStoreAsync(prefix)).Store);
        }

        await Task.WhenAll(instances.Select(store => Startup(store, "root").RunAsync(CancellationToken.None)));

        var snapshot = await instances[0].LoadAsync(CancellationToken.None);
        var user = Assert.Single(snapshot.Users);
        Assert.Equal("root", user.Login);
        Assert.True(user.Active);
        var grant = Assert.Single(snapshot.Grants);
        Assert.Equal(new StoredGrant(GranteeKind.User, "root", CrmRights.Admin), grant);

        var directory = new StoredUserDirectory(instances[1], TimeProvider.System);
        var admin = await directory.FindActiveUserAsync("ROOT", CancellationToken.None);
        Assert.NotNull(admin);
        Assert.True(admin.Has(CrmRights.Admin));
    }

    [Fact]
    public async Task A_restart_does_not_recreate_an_admin_that_was_removed_or_changed()
    {
        var (_, store) = await NewStoreAsync(Azurite.NewTablePrefix());
        await Startup(store, "root").RunAsync(CancellationToken.None);
        await store.SaveUserAsync("root", u => u! with { DisplayName = "The Root" }, CancellationToken.None);

        await Startup(store, "root").RunAsync(CancellationToken.None);
        Assert.Equal("The Root", (await store.FindUserAsync("root", CancellationToken.None))!.DisplayName);

        Assert.True(await store.RemoveUserAsync("root", CancellationToken.None));
        await Startup(store, "root").RunAsync(CancellationToken.None);
        Assert.Null(await store.FindUserAsync("root", CancellationToken.None));
        Assert.Empty((await store.LoadAsync(CancellationToken.None)).Grants);
    }

    [Fact]
    public async Task A_new_bootstrap_login_is_created_next_to_the_old_one()
    {
        var (_, store) = await NewStoreAsync(Azurite.NewTablePrefix());
        await Startup(store, "first").RunAsync(CancellationToken.None);
        await Startup(store, "second").RunAsync(CancellationToken.None);

        var snapshot = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(["first", "second"], snapshot.Users.Select(u => u.Login).Order());
        Assert.Equal(2, snapshot.Grants.Count(g => g.Right == CrmRights.Admin));
    }
}
