using Crm.Core.Schema;
using Crm.Core.Sync;

namespace Crm.Core.Tests.Sync;

public sealed class SyncMaintenanceTests
{
    [Fact]
    public async Task Without_a_directory_the_import_is_skipped_and_dangling_references_are_still_cleared()
    {
        await using var crm = new SyncHarness();
        var gone = await crm.AddAsync(DefaultSchema.Companies, ("org_name", "Vanished Ltd"));
        var kept = await crm.AddAsync(DefaultSchema.Companies, ("org_name", "Staying Inc"));
        var orphan = await crm.AddAsync(DefaultSchema.Contacts, ("contact_name", "Orphan"), ("contact_company", gone.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var linked = await crm.AddAsync(DefaultSchema.Contacts, ("contact_name", "Linked"), ("contact_company", kept.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // A crash between deleting the company and unlinking its contacts: the store alone deletes it.
        await crm.Store.DeleteAsync(DefaultSchema.Companies, gone, CancellationToken.None);

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(SyncStatus.Skipped, report.Status);
        Assert.Contains("Crm:Sync:Jira:BaseUrl", report.Details, StringComparison.Ordinal);
        Assert.Equal(ImportCounts.None, report.Import);
        Assert.Equal(new MaintenanceCounts(1, 0), report.Maintenance);
        var contacts = await crm.ContactsAsync();
        Assert.Equal("", contacts.Single(c => c.Id == orphan).Company);
        Assert.Equal(kept.ToString(System.Globalization.CultureInfo.InvariantCulture), contacts.Single(c => c.Id == linked).Company);
        var company = (await crm.TableAsync(DefaultSchema.Contacts)).FindByCode("contact_company")!;
        var companyIndex = await crm.Store.ScanIndexAsync(DefaultSchema.Contacts, company.Property, CancellationToken.None).ToListAsync();
        Assert.Equal([linked], companyIndex.Select(hit => hit.Id));

        Assert.Equal(new MaintenanceCounts(0, 0), (await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None)).Maintenance);
    }

    [Fact]
    public async Task Tables_marked_for_reindexing_get_their_index_rows_rebuilt_and_the_mark_cleared()
    {
        await using var crm = new SyncHarness();
        await crm.AddAsync(DefaultSchema.Transactions, ("trans_description", "Licence"), ("trans_amount", "10"));
        var second = await crm.AddAsync(DefaultSchema.Transactions, ("trans_description", "Support"), ("trans_amount", "25.5"));
        await crm.AddAsync(DefaultSchema.Transactions, ("trans_description", "Training"), ("trans_amount", "10"));
        var amount = (await crm.TableAsync(DefaultSchema.Transactions)).FindByCode("trans_amount")!;
        Assert.False(amount.Searchable);
        await crm.SchemaStore.UpdateFieldAsync(amount with { Searchable = true }, markReindex: true, CancellationToken.None);
        Assert.Empty(await Find(crm, amount.Property, "25.5"));

        var report = await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None);

        Assert.Equal(new MaintenanceCounts(0, 3), report.Maintenance);
        Assert.Equal([second], await Find(crm, amount.Property, "25.5"));
        Assert.Equal(2, (await Find(crm, amount.Property, "10")).Count);
        var tables = await crm.SchemaStore.LoadAsync(CancellationToken.None);
        Assert.DoesNotContain(tables, t => t.NeedsReindex);
        Assert.Equal(0, (await crm.Job.RunAsync(SyncTriggers.Timer, CancellationToken.None)).Maintenance.Reindexed);
    }

    private static async Task<List<long>> Find(SyncHarness crm, string property, string value)
    {
        var ids = new List<long>();
        await foreach (var hit in crm.Store.FindAsync(DefaultSchema.Transactions, property, value, prefix: false, CancellationToken.None))
        {
            ids.Add(hit.Id);
        }
        return ids;
    }
}
