using Crm.Core.Schema;
using Crm.Server.Tests.Support;
using Crm.Storage.Schema;
using Crm.TestSupport;
using Crm.TestSupport.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests;

/// <summary>
/// Issue 15, defect 9: two servers on one storage, as a scaled-out Function App runs. The second caches the schema
/// for an hour here (10 s in production), so it writes with the schema from before the first made a field searchable:
/// storage refuses such writes and the second server plans them again with the current schema.
/// </summary>
public sealed class SchemaRaceTests
{
    private const int Count = 30;

    [Fact]
    public async Task Contacts_edited_on_a_server_with_an_old_schema_right_after_a_field_became_searchable_are_all_found()
    {
        await using var servers = new TwoServers();
        var (a, b) = (servers.A, servers.B);
        var code = await servers.AddBadgeFieldAsync();
        var ids = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            ids.Add(await a.Id("addcontact", ("clients-contact_name", $"Member {i}"), ($"clients-{code}", $"old-{i}")));
        }
        await servers.LoadSecondSchemaAsync(code);

        await a.Ok("editfield", ("tableName", "CONTACTS"), ("code", code), ("searchable", "true"));
        for (var i = 0; i < Count; i++)
        {
            await b.Ok("editcontact", ("contactId", ids[i]), ($"clients-{code}", $"new-{i}"));
        }

        Assert.Equal(ids, (await a.Search("CONTACTS", ("Badge", "new-*"))).Select(r => r["id"]));
        Assert.Empty(await a.Search("CONTACTS", ("Badge", "old-*")));
        Assert.Equal([ids[7]], (await a.Search("CONTACTS", ("Badge", "NEW-7"))).Select(r => r["id"]));
        Assert.Empty(await servers.AuditAsync());
    }

    [Fact]
    public async Task Contacts_created_on_a_server_with_an_old_schema_right_after_a_field_became_unique_are_claimed_and_keep_their_idempotency()
    {
        await using var servers = new TwoServers();
        var (a, b) = (servers.A, servers.B);
        var code = await servers.AddBadgeFieldAsync();
        await servers.LoadSecondSchemaAsync(code);

        await a.Ok("editfield", ("tableName", "CONTACTS"), ("code", code), ("unique", "true"));
        // With Idempotency-Keys: the call record rides in the create's transaction, also when the create is planned again.
        var keys = Enumerable.Range(0, Count).Select(_ => Guid.NewGuid().ToString()).ToArray();
        (string, string)[] Member(int i) => [("clients-contact_name", $"Member {i}"), ($"clients-{code}", $"badge-{i}")];
        var created = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i => Api.AssertId(await b.CallWithKey(keys[i], "addcontact", Member(i)))));

        Assert.Equal(created.Order(), (await a.Search("CONTACTS", ("Badge", "badge-*"))).Select(r => r["id"]).Order());
        var taken = await a.Fails("duplicate", "addcontact", ("clients-contact_name", "Copy"), ($"clients-{code}", "Badge-3"));
        Assert.Equal(created[3], taken["existingId"]);
        Assert.Equal(created[5], Api.AssertId(await a.CallWithKey(keys[5], "addcontact", Member(5))));
        var mismatch = await a.CallWithKey(keys[5], "addcontact", Member(6));
        Assert.Equal((System.Net.HttpStatusCode.UnprocessableEntity, "idempotency_mismatch"), (mismatch.Status, mismatch.Code));
        Assert.Empty(await servers.AuditAsync());
    }

    /// <summary>A server, and a second on its storage whose schema cache lasts an hour.</summary>
    private sealed class TwoServers : IAsyncDisposable
    {
        private readonly CrmTestServer _first = new();
        private readonly CrmTestServer _second;

        public TwoServers()
        {
            _second = new CrmTestServer(new Dictionary<string, string?> { ["Crm:Storage:TablePrefix"] = _first.TablePrefix },
                builder => builder.Services.AddSingleton(services => new SchemaCatalog(
                    services.GetRequiredService<SchemaStore>(), services.GetRequiredService<TimeProvider>(), TimeSpan.FromHours(1))));
            A = new Api(_first.Client);
            B = new Api(_second.Client);
        }

        public Api A { get; }
        public Api B { get; }

        /// <summary>A text field on CONTACTS, neither searchable nor unique, added through the first server; its code.</summary>
        public async Task<string> AddBadgeFieldAsync() =>
            (await A.Ok("addfield", ("tableName", "CONTACTS"), ("fieldName", "Badge")))["code"];

        /// <summary>Loads the second server's schema cache now, before the first changes the field.</summary>
        public async Task LoadSecondSchemaAsync(string code)
        {
            var fields = Api.Records((await B.Ok("getfields", ("tableName", "CONTACTS"))).Json.GetProperty("fields"));
            Assert.Equal(("false", "false"), (fields.Single(f => f["code"] == code)["searchable"], fields.Single(f => f["code"] == code)["unique"]));
        }

        /// <summary>Broken promises in the CONTACTS partition, read directly from storage.</summary>
        public Task<IReadOnlyList<string>> AuditAsync() => StorageAudit.FindProblemsAsync(_first, Azurite.ConnectionString, "CONTACTS");

        public async ValueTask DisposeAsync()
        {
            await _second.DisposeAsync();
            await _first.DisposeAsync();
        }
    }
}
