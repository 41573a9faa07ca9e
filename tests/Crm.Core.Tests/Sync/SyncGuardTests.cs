using Crm.Core.Sync;
using Crm.TestSupport.Jira;

namespace Crm.Core.Tests.Sync;

public sealed class SyncGuardTests
{
    [Fact]
    public async Task One_departed_user_of_a_hundred_is_deactivated_alone()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(100));
        await using var crm = new SyncHarness(jira.Settings());
        await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        jira.Remove("user0042");

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, report.Status);
        Assert.Equal(new ImportCounts(0, 0, 1, 99), report.Import);
        var contacts = await crm.ContactsAsync();
        Assert.Equal(["user0042"], contacts.Where(c => c.Active == "false").Select(c => c.Login));
    }

    [Fact]
    public async Task Deactivating_more_than_the_share_is_held_with_the_numbers_until_an_admin_confirms_that_count()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        var users = JiraUser.Many(100);
        jira.SetUsers(users);
        await using var crm = new SyncHarness(jira.Settings());
        await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        jira.SetUsers(users.Skip(20).Append(new JiraUser("newcomer", "New Comer", "new@example.com")));
        jira.Change("user0050", u => u with { DisplayName = "Renamed While Held" });

        var held = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(SyncStatus.Held, held.Status);
        Assert.Equal((20, 100), (held.PendingDeactivation, held.ActiveSynced));
        Assert.Equal(new ImportCounts(1, 1, 0, 99), held.Import); // creates and updates still go through
        Assert.Contains("20 of 100 active synced contacts (20%)", held.Details, StringComparison.Ordinal);
        Assert.Contains("confirmDeactivation=20", held.Details, StringComparison.Ordinal);
        Assert.All(await crm.ContactsAsync(), c => Assert.Equal("true", c.Active));

        var wrongCount = await crm.Job.RunAsync(SyncTriggers.Command, confirmDeactivation: 19, CancellationToken.None);
        Assert.Equal(SyncStatus.Held, wrongCount.Status);

        var confirmed = await crm.Job.RunAsync(SyncTriggers.Command, confirmDeactivation: 20, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, confirmed.Status);
        Assert.Equal(20, confirmed.Import.Deactivated);
        Assert.Equal(users.Take(20).Select(u => u.Login), (await crm.ContactsAsync()).Where(c => c.Active == "false").Select(c => c.Login).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_share_is_a_setting()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        var users = JiraUser.Many(10);
        jira.SetUsers(users);
        var settings = jira.Settings();
        settings["Crm:Sync:MaxDeactivationPercent"] = "30";
        await using var crm = new SyncHarness(settings);
        await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        jira.SetUsers(users.Skip(3));

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal((SyncStatus.Completed, 3), (report.Status, report.Import.Deactivated));
    }

    [Theory]
    [InlineData(0, 10, 10, null, true, false)]
    [InlineData(1, 10, 10, null, true, false)]
    [InlineData(2, 10, 10, null, false, true)]
    [InlineData(2, 10, 10, 2, true, false)]
    [InlineData(2, 10, 10, 3, false, true)]
    public void The_guard_allows_up_to_the_share_and_an_exact_confirmation(int would, int active, int percent, int? confirmed, bool allowed, bool held)
    {
        var listing = new DirectoryListing([new DirectoryUser("a", "A", "", true)], null, "test");

        var verdict = DeactivationGuard.Decide(listing, would, active, percent, confirmed);

        Assert.Equal((allowed, held), (verdict.Allowed, verdict.Held));
    }

    [Fact]
    public void An_incomplete_listing_never_deactivates_even_when_confirmed()
    {
        var listing = new DirectoryListing([new DirectoryUser("a", "A", "", true)], "a page made no progress", "test");

        var verdict = DeactivationGuard.Decide(listing, 1, 100, 10, confirmed: 1);

        Assert.False(verdict.Allowed);
        Assert.False(verdict.Held);
        Assert.Contains("a page made no progress", verdict.Reason, StringComparison.Ordinal);
    }
}
