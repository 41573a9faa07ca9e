using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>
/// Issue 15, defect 5 (limits): a create whose own transaction would break a storage limit is refused before its
/// reference creates the company it names or an open dictionary learns its values.
/// </summary>
public sealed class OversizedCreateTests
{
    [Fact]
    public async Task A_create_too_big_for_one_transaction_creates_no_company_and_teaches_no_value()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        // A searchable multi field on the open dictionary Positions: every value is learned and gets an index row.
        var tags = (await api.Ok("addfield", ("tableName", "CONTACTS"), ("fieldName", "Tags"), ("type", "multi"),
            ("dictionaryName", "Positions"), ("searchable", "true")))["code"];
        var before = await StoreSnapshot.TakeAsync(server);

        var response = await api.Client.PostAsync(("command", "addcontact"), ("clients-contact_name", "Crowded"),
            ("clients-contact_company", "Brand New Co"), ("clients-" + tags, string.Join(',', Enumerable.Range(1, 110).Select(i => $"Tag {i}"))));

        Api.AssertError(response, "bad_request");
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server));
    }
}
