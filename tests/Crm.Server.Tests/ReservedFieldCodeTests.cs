using System.Text.RegularExpressions;
using Crm.Core.Schema;
using Crm.Server.Tests.Support;
using Crm.Storage.Schema;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests;

/// <summary>
/// Issue 15, defect 6: a field code is a JSON key of every record and flat answer of its table, so the keys those
/// answers use themselves (<c>id</c>, <c>name</c>, <c>success</c>, and the error object's) are refused as codes;
/// a field an earlier version accepted under such a code never duplicates a key.
/// </summary>
public sealed class ReservedFieldCodeTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    [Theory]
    [InlineData("id")]
    [InlineData("name")]
    [InlineData("success")]
    [InlineData("ID")]
    [InlineData("Success")]
    [InlineData("details")]
    [InlineData("code")]
    [InlineData("existingId")]
    public async Task Addfield_refuses_a_code_the_answers_use_as_a_key(string code)
    {
        var api = new Api(fixture.Server.Client);

        var refused = await api.Fails("bad_request", "addfield", ("tableName", "CLIENTS"), ("fieldName", "Field " + code), ("code", code));

        Assert.Contains("reserved", Api.Details(refused), StringComparison.Ordinal);
        var fields = Api.Records((await api.Ok("getfields", ("tableName", "CLIENTS"))).Json.GetProperty("fields"));
        Assert.DoesNotContain(fields, f => string.Equals(f["code"], code, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_field_stored_earlier_under_a_reserved_code_never_duplicates_a_key_and_can_only_be_removed()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        var id = (await api.Ok("addcompany", ("clients-org_name", "Acme")))["id"];
        // What an earlier version let addfield store.
        var store = server.Services.GetRequiredService<SchemaStore>();
        foreach (var code in new[] { "id", "success" })
        {
            await store.AddFieldAsync("CLIENTS", (property, order) => new FieldDefinition("CLIENTS", code, "Legacy " + code, FieldType.Text, property, order), CancellationToken.None);
        }
        server.Services.GetRequiredService<SchemaCatalog>().Invalidate();

        var flat = await api.Ok("getcompanybyname", ("companyId", id));
        var listed = await api.Ok("getcompanies");

        Assert.Single(Key("id").Matches(flat.Body));
        Assert.Single(Key("success").Matches(flat.Body));
        Assert.Equal(id, flat["id"]);
        Assert.Single(Key("id").Matches(listed.Body));
        var edit = await api.Fails("bad_request", "editfield", ("tableName", "CLIENTS"), ("code", "id"), ("searchable", "true"));
        Assert.Contains("reserved", Api.Details(edit), StringComparison.Ordinal);
        await api.Ok("removefield", ("tableName", "CLIENTS"), ("code", "id"));
    }

    private static Regex Key(string name) => new($"\"{name}\":", RegexOptions.CultureInvariant);
}
