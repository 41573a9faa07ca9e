using Crm.Core.Sync;
using Crm.TestSupport.Jira;

namespace Crm.Core.Tests.Sync;

/// <summary>The directory as real Jira sites serve it: capped searches and empty answers must not lose contacts.</summary>
public sealed class SyncCompletenessTests
{
    [Fact]
    public async Task Data_Center_10_with_250_users_and_no_group_configured_imports_all_250()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(250));
        await using var crm = new SyncHarness(jira.Settings());

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        var contacts = await crm.ContactsAsync();
        Assert.Equal(250, contacts.Count);
        Assert.Equal(JiraUser.Many(250).Select(u => u.Login), contacts.Select(c => c.Login).Order(StringComparer.Ordinal));
        Assert.Equal(250, report.Import.Created);
        Assert.True(report.DirectoryComplete);
    }

    public static TheoryData<string> Editions => ["Cloud", "DataCenter9", "DataCenter10"];

    [Theory]
    [MemberData(nameof(Editions))]
    public async Task More_users_than_any_cap_all_arrive_inactive_ones_included(string edition)
    {
        await using var jira = new JiraStandIn(JiraProfile.Named(edition));
        var users = JiraUser.Many(1_250).Select((u, i) => i % 100 == 7 ? u with { Active = false } : u).ToList();
        jira.SetUsers(users);
        await using var crm = new SyncHarness(jira.Settings());

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        var contacts = await crm.ContactsAsync();
        Assert.Equal(1_250, report.Listed); // inactive users are listed too (includeInactiveUsers), so they can deactivate contacts
        Assert.Equal(users.Count(u => u.Active), report.Import.Created);
        Assert.Equal(users.Where(u => u.Active).Select(u => u.Login).Order(StringComparer.Ordinal), contacts.Select(c => c.Login).Order(StringComparer.Ordinal));
        Assert.True(report.DirectoryComplete);
    }

    [Fact]
    public async Task A_capped_search_without_any_group_imports_what_it_saw_deactivates_nobody_and_says_why()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10 with { DefaultGroup = null });
        jira.SetUsers(JiraUser.Many(250));
        await using var crm = new SyncHarness(jira.Settings());
        var departed = await crm.AddAsync(Crm.Core.Schema.DefaultSchema.Contacts, ("contact_name", "Not In Jira"), ("contact_login", "zed"));

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, report.Status);
        Assert.False(report.DirectoryComplete);
        Assert.Equal(new ImportCounts(100, 0, 0, 1), report.Import);
        Assert.Contains("stopped at 100 users", report.Details, StringComparison.Ordinal);
        Assert.Contains("jira-users, jira-software-users", report.Details, StringComparison.Ordinal);
        Assert.Contains("Crm:Sync:Jira:Groups", report.Details, StringComparison.Ordinal);
        Assert.Equal("true", (await crm.ContactsAsync()).Single(c => c.Id == departed).Active);
    }

    [Fact]
    public async Task An_empty_answer_from_a_token_without_browse_permission_deactivates_nobody()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud);
        jira.SetUsers(JiraUser.Many(30));
        await using var crm = new SyncHarness(jira.Settings());
        Assert.Equal(30, (await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None)).Import.Created);
        jira.CanBrowseUsers = false;

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(0, report.Import.Deactivated);
        Assert.All(await crm.ContactsAsync(), c => Assert.Equal("true", c.Active));
        Assert.Equal(SyncStatus.Held, report.Status);
        Assert.Equal((0, 30, 30), (report.Listed, report.PendingDeactivation, report.ActiveSynced));
        Assert.Contains("Jira listed no users", report.Details, StringComparison.Ordinal);
        Assert.Contains("confirmDeactivation=30", report.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Data_Center_token_without_permission_for_the_groups_fails_the_run_and_changes_nothing()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(20));
        await using var crm = new SyncHarness(jira.Settings());
        await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        jira.CanBrowseUsers = false;
        var before = await crm.RowVersionsAsync(Crm.Core.Schema.DefaultSchema.Contacts);

        var error = await Assert.ThrowsAsync<Crm.Core.Errors.CrmException>(() => crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None));

        Assert.Contains("refused the credentials (HTTP 403)", error.Details, StringComparison.Ordinal);
        Assert.Equal(before, await crm.RowVersionsAsync(Crm.Core.Schema.DefaultSchema.Contacts));
    }

    [Fact]
    public async Task A_group_page_that_makes_no_progress_leaves_the_run_incomplete_and_deactivates_nobody()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(120));
        await using var crm = new SyncHarness(jira.Settings(groups: "jira-software-users"));
        await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        jira.Remove("user0001");
        jira.PlanFault(new JiraFault.FirstPageAgain(), skip: 1);

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.False(report.DirectoryComplete);
        Assert.Contains("made no progress", report.Details, StringComparison.Ordinal);
        Assert.Equal(0, report.Import.Deactivated);
        Assert.All(await crm.ContactsAsync(), c => Assert.Equal("true", c.Active));
    }
}
