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
    }
}
