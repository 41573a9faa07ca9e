using Crm.Server.Tests.Support;
using Crm.TestSupport.Faults;

namespace Crm.Server.Tests.Faults;

/// <summary>
/// Issue 15, defect 2: storage committed a transaction but its answer was lost, so the SDK resent it.
/// The resend must find its own committed work (the write token) instead of writing again or failing.
/// </summary>
public sealed class LostAnswerTests : IAsyncLifetime
{
    private readonly FaultyStorageServer _storage = new();
    private Api Api => new(_storage.Client);

    public async Task InitializeAsync() => await Api.Ok("gettables");

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Creates_whose_answer_was_lost_are_neither_refused_as_duplicates_nor_written_twice()
    {
        _storage.Proxy.Rule = StorageFaultProxy.EveryNthBatch(3, StorageFault.LoseAnswer);
        var companyIds = new List<string>();
        var transactionIds = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            companyIds.Add((await Api.Ok("addcompany", ("clients-org_name", $"Lost answer {i}")))["id"]);
            transactionIds.Add((await Api.Ok("updateOrCreateEntity", ("tableName", "TRANSACTIONS"), ("clients-trans_description", $"Payment {i}")))["id"]);
        }
        var lost = _storage.Proxy.FaultsInjected;
        _storage.Proxy.Rule = _ => StorageFault.None;

        Assert.True(lost >= 20, $"only {lost} answers were lost");
        var companies = await _storage.TitlesAsync("CLIENTS");
        var transactions = await _storage.TitlesAsync("TRANSACTIONS");
        Assert.Equal(40, companies.Count);
        Assert.Equal(40, transactions.Count);
        Assert.Equal(40, transactions.Distinct().Count());
        Assert.Equal(40, companyIds.Distinct().Count());
        Assert.Equal(40, transactionIds.Distinct().Count());
        Assert.Empty(await _storage.AuditAsync("CLIENTS"));
        Assert.Empty(await _storage.AuditAsync("TRANSACTIONS"));
    }

    [Fact]
    public async Task Edits_and_deletes_whose_answer_was_lost_answer_as_committed_and_finish_their_work()
    {
        var company = (await Api.Ok("addcompany", ("clients-org_name", "Linked Ltd")))["id"];
        var contacts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            contacts.Add((await Api.Ok("addcontact", ("clients-contact_name", $"Linked person {i}"), ("clients-contact_company", company)))["id"]);
        }
        // Every first send loses its answer; the SDK's resend (the next batch) gets through.
        _storage.Proxy.Rule = request => request.IsBatch && request.Sequence % 2 == 1 ? StorageFault.LoseAnswer : StorageFault.None;

        foreach (var contact in contacts)
        {
            Assert.Equal(contact, (await Api.Ok("editcontact", ("contactId", contact), ("clients-contact_phone", "+49 30 1")))["id"]);
        }
        Assert.Equal(company, (await Api.Ok("deletecompany", ("companyId", company)))["id"]);
        _storage.Proxy.Rule = _ => StorageFault.None;

        foreach (var contact in contacts)
        {
            var stored = await Api.Get("getcontactbyname", ("contactId", contact));
            Assert.Equal("+49 30 1", stored["contact_phone"]);
            Assert.Equal("", stored.GetValueOrDefault("contact_company", ""));
        }
        Assert.Empty(await _storage.AuditAsync("CLIENTS"));
        Assert.Empty(await _storage.AuditAsync("CONTACTS"));
    }
}
