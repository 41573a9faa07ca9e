using Crm.Core.Schema;
using Crm.Core.Sync;
using Crm.TestSupport.Jira;
using Crm.TestSupport.KeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Sync;

public sealed class SyncImportTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Imports_2500_users_then_a_second_run_reports_all_unchanged_and_writes_nothing()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        var users = JiraUser.Many(2500);
        jira.SetUsers(users);
        await using var crm = new SyncHarness(jira.Settings());

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var first = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        output.WriteLine($"first run {sw.Elapsed}");

        Assert.Equal(SyncStatus.Completed, first.Status);
        Assert.Equal(new ImportCounts(2500, 0, 0, 0), first.Import);
        var contacts = await crm.ContactsAsync();
        Assert.Equal(2500, contacts.Count);
        Assert.Equal(users.Select(u => u.Login).Order(), contacts.Select(c => c.Login).Order());
        var sample = contacts.Single(c => c.Login == "user1234");
        Assert.Equal(("User user 1234", "user1234@example.com", "true"), (sample.Name, sample.Email, sample.Active));
        // The default groups: jira-users does not exist here, jira-software-users pages by 50 to isLast; never the capped user search.
        Assert.Equal([404, .. Enumerable.Repeat(200, 50)], jira.Requests.OrderBy(r => r.Number).Select(r => r.Status));
        Assert.Equal(
            Enumerable.Range(0, 50).Select(i => $"/rest/api/2/group/member?groupname=jira-software-users&includeInactiveUsers=true&startAt={i * 50}&maxResults=50"),
            jira.Requests.OrderBy(r => r.Number).Skip(1).Select(r => r.PathAndQuery));
        Assert.True(first.DirectoryComplete);

        var before = await crm.RowVersionsAsync(DefaultSchema.Contacts);
        sw.Restart();
        var second = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);
        output.WriteLine($"second run {sw.Elapsed}");

        Assert.Equal(new ImportCounts(0, 0, 0, 2500), second.Import);
        Assert.Equal(before, await crm.RowVersionsAsync(DefaultSchema.Contacts));
    }

    [Fact]
    public async Task Cloud_imports_only_atlassian_accounts_by_account_id()
    {
        await using var jira = new JiraStandIn(JiraProfile.Cloud with { SearchPageCap = 2 });
        jira.SetUsers(
        [
            new JiraUser("5b10a2844c20165700ede21g", "Mia Krystof", "mia@example.com"),
            new JiraUser("5b10ac8d82e05b22cc7d4ef5", "Emma Richards", null),
            new JiraUser("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "Automation for Jira", null, AccountType: "app"),
            new JiraUser("qm:1f7b2c3d-customer", "A Customer", "customer@client.example", AccountType: "customer"),
            new JiraUser("5b10a0effa615349cb016cd8", "Gone Person", "gone@example.com", Active: false),
        ]);
        await using var crm = new SyncHarness(jira.Settings());

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(new ImportCounts(2, 0, 0, 0), report.Import);
        var contacts = (await crm.ContactsAsync()).OrderBy(c => c.Name).ToList();
        Assert.Equal(["5b10ac8d82e05b22cc7d4ef5", "5b10a2844c20165700ede21g"], contacts.Select(c => c.Login));
        Assert.Equal(["", "mia@example.com"], contacts.Select(c => c.Email));
        Assert.All(jira.Requests, r => Assert.StartsWith("Basic ", r.Authorization, StringComparison.Ordinal));
        Assert.All(jira.Requests, r => Assert.StartsWith("/rest/api/3/users/search?startAt=", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Directory_changes_update_deactivate_and_reactivate_contacts_and_an_email_match_is_not_duplicated()
    {
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(
        [
            new JiraUser("alice", "Alice Archer", "alice@example.com"),
            new JiraUser("bob", "Bob Baker", "bob@example.com"),
            new JiraUser("carol", "Carol Clark", "carol@example.com"),
            new JiraUser("dave", "Dave Dunn", "dave@example.com"),
            new JiraUser("eve", "Eve Evans", "Eve.Evans@Example.com"),
        ]);
        var settings = jira.Settings();
        settings["Crm:Sync:MaxDeactivationPercent"] = "50"; // one of five users leaving is 20%: not the guard's business here
        await using var crm = new SyncHarness(settings);
        var eveBefore = await crm.AddAsync(DefaultSchema.Contacts, ("contact_name", "Eve (from the CRM)"), ("contact_email", "eve.evans@example.com"), ("contact_phone", "+49 30 1234"));
        var manual = await crm.AddAsync(DefaultSchema.Contacts, ("contact_name", "Customer Without Login"), ("contact_email", "someone@client.example"));

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var first = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);
        output.WriteLine($"first run {sw.Elapsed}");

        Assert.Equal(new ImportCounts(4, 1, 0, 0), first.Import);
        var contacts = await crm.ContactsAsync();
        Assert.Equal(6, contacts.Count);
        var eve = Assert.Single(contacts, c => c.Login == "eve");
        Assert.Equal((eveBefore, "Eve Evans", "Eve.Evans@Example.com"), (eve.Id, eve.Name, eve.Email));

        jira.Remove("alice");
        jira.Change("bob", u => u with { Email = "robert.baker@example.com" });
        jira.Change("carol", u => u with { DisplayName = "Carol Clark-Cole" });
        var second = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(new ImportCounts(0, 2, 1, 2), second.Import);
        contacts = await crm.ContactsAsync();
        Assert.Equal(6, contacts.Count);
        Assert.Equal("false", contacts.Single(c => c.Login == "alice").Active);
        Assert.Equal("robert.baker@example.com", contacts.Single(c => c.Login == "bob").Email);
        Assert.Equal("Carol Clark-Cole", contacts.Single(c => c.Login == "carol").Name);
        Assert.Equal("true", contacts.Single(c => c.Id == manual).Active);

        jira.SetUsers(
        [
            new JiraUser("alice", "Alice Archer", "alice@example.com"),
            new JiraUser("bob", "Bob Baker", "robert.baker@example.com"),
            new JiraUser("carol", "Carol Clark-Cole", "carol@example.com"),
            new JiraUser("dave", "Dave Dunn", "dave@example.com", Active: false),
            new JiraUser("eve", "Eve Evans", "Eve.Evans@Example.com"),
        ]);
        var third = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(new ImportCounts(0, 1, 1, 3), third.Import);
        contacts = await crm.ContactsAsync();
        Assert.Equal("true", contacts.Single(c => c.Login == "alice").Active);
        Assert.Equal("false", contacts.Single(c => c.Login == "dave").Active);
        Assert.Equal(6, contacts.Count);
    }

    [Theory]
    [InlineData(JiraEdition.DataCenter)]
    [InlineData(JiraEdition.Cloud)]
    public async Task A_group_filter_imports_only_the_members_paging_until_isLast(JiraEdition edition)
    {
        await using var jira = new JiraStandIn(edition == JiraEdition.Cloud ? JiraProfile.Cloud : JiraProfile.DataCenter10);
        var users = JiraUser.Many(130);
        jira.SetUsers(users);
        var members = users.Where((_, i) => i % 3 != 0).Select(u => u.Login).ToList();
        jira.SetGroup("crm-contacts", members);
        await using var crm = new SyncHarness(jira.Settings(groups: "crm-contacts"));

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(members.Count, report.Import.Created);
        Assert.Equal(members.Order(), (await crm.ContactsAsync()).Select(c => c.Login).Order());
        var version = edition == JiraEdition.Cloud ? "3" : "2";
        Assert.Equal(
            [0, 50],
            jira.Requests.Select(r => int.Parse(r.PathAndQuery.Split("startAt=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(jira.Requests, r => Assert.StartsWith($"/rest/api/{version}/group/member?groupname=crm-contacts&", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_local_token_the_token_comes_from_the_Key_Vault_secret()
    {
        await using var vault = new KeyVaultStandIn();
        await vault.AddVersionAsync("crm-jira-token", "an-old-token");
        await vault.AddVersionAsync("crm-jira-token", JiraStandIn.Token);
        await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
        jira.SetUsers(JiraUser.Many(4));
        var settings = jira.Settings();
        settings["Crm:Sync:Jira:Token"] = null;
        settings["Crm:KeyVault:Uri"] = vault.VaultUri.ToString();
        await using var crm = new SyncHarness(settings, configure: services => services.AddSingleton(vault.CreateClient()));

        var report = await crm.Job.RunAsync(SyncTriggers.Command, CancellationToken.None);

        Assert.Equal(4, report.Import.Created);
        Assert.All(jira.Requests, r => Assert.Equal("Bearer " + JiraStandIn.Token, r.Authorization));
    }
}
