using Crm.Server.Tests.Support;

namespace Crm.Server.Tests;

/// <summary>
/// Per command: missing and invalid parameters, unknown tables and fields, ambiguous names and values their
/// type rejects. Each call must fail with the code of docs/api.md#answers-and-errors and leave the store exactly as it was (every
/// stored row, and the company and contact listings).
/// Data (see <see cref="BaselineFixture"/>): companies 1 Adobe, 2 Teamlead; contacts 1 Ted Johnson (Adobe,
/// login ted), 2 Anna Lee (Teamlead), 3 "anna  lee"; product 1 Widget; transaction 1 CRM-1; dictionary Colors = Green.
/// </summary>
public sealed class RefusedCallsTests(BaselineFixture fixture) : IClassFixture<BaselineFixture>
{
    private const string Bad = "bad_request";
    private const string Missing = "not_found";
    private const string Taken = "duplicate";

    private static readonly RefusedCall[] Calls =
    [
        // Commands that do not exist here.
        new("no command", "unknown_command", "command", ("userName", "admin")),
        new("misspelt command", "unknown_command", "getcompanies", ("command", "getcompanys")),
        new("setcrmproperties acts on Jira", "unknown_command", "Jira", ("command", "setcrmproperties"), ("issueKey", "CRM-1")),
        new("getContactEmail acts on Jira", "unknown_command", "Jira", ("command", "getContactEmail"), ("issueKey", "CRM-1")),
        new("same parameter twice with different values", Bad, "twice", ("command", "addcontact"), ("clients-contact_name", "A"), ("clients-contact_name", "B")),

        // Companies.
        new("getcompanybyname without id or name", Bad, "companyId", ("command", "getcompanybyname")),
        new("getcompanybyname with a malformed id", Bad, "not an id", ("command", "getcompanybyname"), ("companyId", "x1")),
        new("getcompanybyname with id 0", Bad, "not an id", ("command", "getcompanybyname"), ("companyId", "0")),
        new("getcompanybyname unknown id", Missing, "99", ("command", "getcompanybyname"), ("companyId", "99")),
        new("getcompanybyname unknown name", Missing, "Nobody", ("command", "getcompanybyname"), ("companyName", "Nobody")),
        new("addcompany without a name", Bad, "org_name", ("command", "addcompany"), ("clients-org_www", "x.example")),
        new("addcompany two different names", Bad, "two different names", ("command", "addcompany"), ("companyName", "X"), ("clients-org_name", "Y")),
        new("addcompany into another table", Bad, "CONTACTS", ("command", "addcompany"), ("tableName", "CONTACTS"), ("clients-org_name", "X")),
        new("addcompany with a taken name", Taken, "org_name", ("command", "addcompany"), ("clients-org_name", " ADOBE ")),
        new("addcompany unknown field", Bad, "Did you mean: org_name", ("command", "addcompany"), ("clients-org_nme", "X")),
        new("addcompany unknown crm_param field", Bad, "Did you mean: Website", ("command", "addcompany"), ("clients-org_name", "X"), ("crm_param_1", "Webiste"), ("crm_param_1_value", "x.example")),
        new("addcompany writes a computed field", Bad, "computed", ("command", "addcompany"), ("clients-org_name", "X"), ("clients-org_people", "Ted")),
        new("addcompany closed dictionary by label", Bad, "Allowed: Consulting", ("command", "addcompany"), ("clients-org_name", "X"), ("view-clients-org_industry", "Astrology")),
        new("addcompany closed dictionary by value", Bad, "Customer", ("command", "addcompany"), ("clients-org_name", "X"), ("clients-org_type", "Friend")),
        new("addcompany url with spaces", Bad, "org_www", ("command", "addcompany"), ("clients-org_name", "X"), ("clients-org_www", "not a url")),
        new("addcompany reference title naming two contacts", Bad, "2 entries", ("command", "addcompany"), ("clients-org_name", "X"), ("clients-org_contact", "Anna Lee")),
        new("addcompany reference to a missing id", Missing, "99", ("command", "addcompany"), ("clients-org_name", "X"), ("clients-org_contact", "(99)")),
        new("editcompany without id or name", Bad, "companyId", ("command", "editcompany"), ("clients-org_www", "x.example")),
        new("editcompany unknown id", Missing, "99", ("command", "editcompany"), ("companyId", "99"), ("clients-org_www", "x.example")),
        new("editcompany nothing to change", Bad, "Nothing to change", ("command", "editcompany"), ("companyId", "1")),
        new("editcompany empties the title", Bad, "required", ("command", "editcompany"), ("companyId", "1"), ("clients-org_name", " ")),
        new("editcompany renames onto a taken name", Taken, "org_name", ("command", "editcompany"), ("companyId", "1"), ("companyName", "teamlead")),
        new("editcompany two different new names", Bad, "two different", ("command", "editcompany"), ("companyId", "1"), ("companyName", "X"), ("clients-org_name", "Y")),
        new("editcompany closed dictionary", Bad, "SLA-1 Free", ("command", "editcompany"), ("companyId", "1"), ("clients-org_sla", "Gold")),
        new("deletecompany without id or name", Bad, "companyId", ("command", "deletecompany")),
        new("deletecompany unknown id", Missing, "99", ("command", "deletecompany"), ("companyId", "99")),
        new("deletecompany unknown name", Missing, "Nobody", ("command", "deletecompany"), ("companyName", "Nobody")),

        // Contacts.
        new("getcontactbyname without id or name", Bad, "contactId", ("command", "getcontactbyname")),
        new("getcontactbyname malformed id", Bad, "not an id", ("command", "getcontactbyname"), ("contactId", "abc")),
        new("getcontactbyname unknown id", Missing, "99", ("command", "getcontactbyname"), ("contactId", "99")),
        new("getcontactbyname unknown name", Missing, "Nobody", ("command", "getcontactbyname"), ("contactName", "Nobody")),
        new("getcontactbyname ambiguous name", Bad, "contactId", ("command", "getcontactbyname"), ("contactName", "Anna Lee")),
        new("getcontactbyname ambiguous name in another spelling", Bad, "ids 2, 3", ("command", "getcontactbyname"), ("contactName", " ANNA lee ")),
        new("addcontact without a name", Bad, "contact_name", ("command", "addcontact"), ("clients-contact_phone", "1")),
        new("addcontact into another table", Bad, "CLIENTS", ("command", "addcontact"), ("tableName", "CLIENTS"), ("clients-contact_name", "X")),
        new("addcontact unknown field", Bad, "Did you mean: contact_email", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_emial", "x@y.example")),
        new("addcontact unknown field by name", Bad, "Did you mean: Name", ("command", "addcontact"), ("crm_param_1", "Nmae"), ("crm_param_1_value", "X")),
        new("addcontact crm_param without its value", Bad, "crm_param_1_value", ("command", "addcontact"), ("clients-contact_name", "X"), ("crm_param_1", "Phone")),
        new("addcontact crm_param value without its field", Bad, "crm_param_2", ("command", "addcontact"), ("clients-contact_name", "X"), ("crm_param_2_value", "1")),
        new("addcontact one field two values", Bad, "several different values", ("command", "addcontact"), ("clients-contact_name", "X"), ("crm_param_1", "Name"), ("crm_param_1_value", "Y")),
        new("addcontact bad e-mail", Bad, "e-mail", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_email", "not-an-email")),
        new("addcontact bad checkbox", Bad, "true or false", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_active", "maybe")),
        new("addcontact company id that does not exist", Missing, "99", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_company", "(99)")),
        new("addcontact taken login does not create the named company", Taken, "contact_login", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_login", "TED"), ("clients-contact_company", "Brand New Co")),
        new("addcontact taken login does not teach the open dictionary", Taken, "contact_login", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_login", "ted"), ("clients-contact_position", "Astronaut")),
        new("addcontact bad e-mail does not create the named company", Bad, "e-mail", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_email", "x"), ("clients-contact_company", "Brand New Co")),
        new("addcontact without a name does not create the named company", Bad, "contact_name", ("command", "addcontact"), ("clients-contact_company", "Brand New Co 1"), ("clients-contact_phone", "1")),
        new("addcontact without a name does not teach the open dictionary", Bad, "contact_name", ("command", "addcontact"), ("clients-contact_position", "Astronaut 1")),
        new("addcontact company id that does not exist does not teach the open dictionary", Missing, "99", ("command", "addcontact"), ("clients-contact_name", "X"), ("clients-contact_position", "Astronaut 2"), ("clients-contact_company", "(99)")),
        new("addcontact by crm_param without a name does not create the named company", Bad, "contact_name", ("command", "updateOrCreateEntity"), ("tableName", "CONTACTS"), ("crm_param_1", "Company"), ("crm_param_1_value", "Brand New Co 2"), ("crm_param_2", "Position"), ("crm_param_2_value", "Astronaut 3")),
        new("editcontact company id that does not exist does not teach the open dictionary", Missing, "99", ("command", "editcontact"), ("contactId", "1"), ("clients-contact_position", "Astronaut 4"), ("clients-contact_company", "(99)")),
        new("editcontact without id or name", Bad, "contactId", ("command", "editcontact"), ("clients-contact_phone", "1")),
        new("editcontact ambiguous name", Bad, "contactId", ("command", "editcontact"), ("contactName", "Anna Lee"), ("clients-contact_phone", "1")),
        new("editcontact unknown id", Missing, "99", ("command", "editcontact"), ("contactId", "99"), ("clients-contact_phone", "1")),
        new("editcontact nothing to change", Bad, "Nothing to change", ("command", "editcontact"), ("contactId", "1")),
        new("editcontact empties the name", Bad, "required", ("command", "editcontact"), ("contactId", "1"), ("clients-contact_name", "")),
        new("editcontact bad e-mail", Bad, "e-mail", ("command", "editcontact"), ("contactId", "1"), ("clients-contact_email", "ted(at)adobe")),
        new("editcontact taken login", Taken, "contact_login", ("command", "editcontact"), ("contactId", "2"), ("clients-contact_login", " Ted ")),
        new("editcontact unknown field", Bad, "Did you mean: contact_phone", ("command", "editcontact"), ("contactId", "1"), ("clients-contact_phon", "1")),
        new("editcontact company id that does not exist", Missing, "99", ("command", "editcontact"), ("contactId", "1"), ("clients-contact_company", "(99)")),
        new("deletecontact without id or name", Bad, "contactId", ("command", "deletecontact")),
        new("deletecontact unknown id", Missing, "99", ("command", "deletecontact"), ("contactId", "99")),
        new("deletecontact ambiguous name", Bad, "contactId", ("command", "deletecontact"), ("contactName", "anna lee")),
        new("setcontact without parameters", Bad, "contactId", ("command", "setcontact")),
        new("setcontact without a company", Bad, "companyId", ("command", "setcontact"), ("contactId", "1")),
        new("setcontact without a contact", Bad, "contactId", ("command", "setcontact"), ("companyId", "1")),
        new("setcontact ambiguous contact name", Bad, "contactId", ("command", "setcontact"), ("contactName", "Anna Lee"), ("companyName", "Adobe")),
        new("setcontact unknown contact", Missing, "99", ("command", "setcontact"), ("contactId", "99"), ("companyId", "1")),
        new("setcontact unknown company id", Missing, "99", ("command", "setcontact"), ("contactId", "1"), ("companyId", "99")),
        new("setcontact unknown company name creates nothing", Missing, "Nobody", ("command", "setcontact"), ("contactId", "1"), ("companyName", "Nobody")),
        new("setcontact malformed company id", Bad, "not an id", ("command", "setcontact"), ("contactId", "1"), ("companyId", "one")),

        // Any table.
        new("updateOrCreateEntity without tableName", Bad, "tableName", ("command", "updateOrCreateEntity"), ("crm_param_1", "Name"), ("crm_param_1_value", "X")),
        new("updateOrCreateEntity unknown table", Missing, "NOPE", ("command", "updateOrCreateEntity"), ("tableName", "NOPE"), ("crm_param_1", "Name"), ("crm_param_1_value", "X")),
        new("updateOrCreateEntity unknown field", Bad, "Did you mean: Price", ("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("crm_param_1", "Product Name"), ("crm_param_1_value", "X"), ("crm_param_2", "Prise"), ("crm_param_2_value", "1")),
        new("updateOrCreateEntity malformed id", Bad, "not an id", ("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("id", "abc"), ("crm_param_1", "Price"), ("crm_param_1_value", "1")),
        new("updateOrCreateEntity unknown id", Missing, "99", ("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("id", "99"), ("crm_param_1", "Price"), ("crm_param_1_value", "1")),
        new("updateOrCreateEntity without the required title", Bad, "product_name", ("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("crm_param_1", "Price"), ("crm_param_1_value", "1")),
        new("updateOrCreateEntity number", Bad, "a number", ("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("crm_param_1", "Product Name"), ("crm_param_1_value", "X"), ("crm_param_2", "Price"), ("crm_param_2_value", "ten")),
        new("updateOrCreateEntity number with a decimal comma", Bad, "a number", ("command", "updateOrCreateEntity"), ("tableName", "TRANSACTIONS"), ("id", "1"), ("crm_param_1", "Amount"), ("crm_param_1_value", "1,5")),
        new("updateOrCreateEntity date in another format", Bad, "yyyy-MM-dd", ("command", "updateOrCreateEntity"), ("tableName", "TRANSACTIONS"), ("id", "1"), ("crm_param_1", "Date"), ("crm_param_1_value", "31.01.2026")),
        new("updateOrCreateEntity date that does not exist", Bad, "yyyy-MM-dd", ("command", "updateOrCreateEntity"), ("tableName", "TRANSACTIONS"), ("id", "1"), ("crm_param_1", "Date"), ("crm_param_1_value", "2026-02-30")),
        new("updateOrCreateEntity closed dictionary", Bad, "Income, Expense", ("command", "updateOrCreateEntity"), ("tableName", "TRANSACTIONS"), ("crm_param_1", "Issue"), ("crm_param_1_value", "CRM-2"), ("crm_param_2", "Direction"), ("crm_param_2_value", "Sideways")),
        new("updateOrCreateEntity writes a computed field", Bad, "computed", ("command", "updateOrCreateEntity"), ("tableName", "CLIENTS"), ("id", "1"), ("crm_param_1", "org_people"), ("crm_param_1_value", "X")),
        new("updateOrCreateEntity writes the id", Bad, "id", ("command", "updateOrCreateEntity"), ("tableName", "CLIENTS"), ("id", "1"), ("crm_param_1", "id"), ("crm_param_1_value", "7")),
        new("updateOrCreateEntity taken unique value", Taken, "org_name", ("command", "updateOrCreateEntity"), ("tableName", "CLIENTS"), ("crm_param_1", "Name"), ("crm_param_1_value", "adobe")),
        new("searchEntities unknown table", Missing, "NOPE", ("command", "searchEntities"), ("tableName", "NOPE")),
        new("searchEntities unknown field", Bad, "Did you mean: Position", ("command", "searchEntities"), ("crm_param_1", "Positon"), ("crm_param_1_value", "CEO")),
        new("searchEntities field that is not searchable", Bad, "not searchable", ("command", "searchEntities"), ("tableName", "TRANSACTIONS"), ("crm_param_1", "Amount"), ("crm_param_1_value", "5")),
        new("searchEntities number that is not a number", Bad, "a number", ("command", "searchEntities"), ("tableName", "PRODUCTS"), ("crm_param_1", "Price"), ("crm_param_1_value", "cheap")),
        new("searchEntities pair without value", Bad, "crm_param_1_value", ("command", "searchEntities"), ("crm_param_1", "Name")),
        new("transactionslist without saleVal", Bad, "saleVal", ("command", "transactionslist")),

        // Dictionaries.
        new("adddictionaryvalue without dictionaryName", Bad, "dictionaryName", ("command", "adddictionaryvalue"), ("newvalue", "Red")),
        new("adddictionaryvalue without newvalue", Bad, "newvalue", ("command", "adddictionaryvalue"), ("dictionaryName", "Colors")),
        new("adddictionaryvalue existing value in another case", Taken, "Industries", ("command", "adddictionaryvalue"), ("dictionaryName", "Industries"), ("newvalue", " consulting ")),
        new("adddictionaryvalue existing custom value", Taken, "GREEN", ("command", "adddictionaryvalue"), ("dictionaryName", "colors"), ("newvalue", "GREEN")),
        new("removedictionaryvalue without valuetoremove", Bad, "valuetoremove", ("command", "removedictionaryvalue"), ("dictionaryName", "Colors")),
        new("removedictionaryvalue unknown dictionary", Missing, "Nope", ("command", "removedictionaryvalue"), ("dictionaryName", "Nope"), ("valuetoremove", "Green")),
        new("removedictionaryvalue unknown value", Missing, "Purple", ("command", "removedictionaryvalue"), ("dictionaryName", "Colors"), ("valuetoremove", "Purple")),
        new("getdictionary without dictionaryName", Bad, "dictionaryName", ("command", "getdictionary")),
        new("getdictionary unknown dictionary", Missing, "Nope", ("command", "getdictionary"), ("dictionaryName", "Nope")),

        // Schema.
        new("getfields without tableName", Bad, "tableName", ("command", "getfields")),
        new("getfields unknown table", Missing, "NOPE", ("command", "getfields"), ("tableName", "NOPE")),
        new("addtable without tableName", Bad, "tableName", ("command", "addtable")),
        new("addtable invalid name", Bad, "not a valid table name", ("command", "addtable"), ("tableName", "1st table")),
        new("addtable existing table", Taken, "CLIENTS", ("command", "addtable"), ("tableName", "clients")),
        new("addfield without tableName", Bad, "tableName", ("command", "addfield"), ("fieldName", "X")),
        new("addfield unknown table", Missing, "NOPE", ("command", "addfield"), ("tableName", "NOPE"), ("fieldName", "X")),
        new("addfield without fieldName", Bad, "fieldName", ("command", "addfield"), ("tableName", "CLIENTS")),
        new("addfield unknown type", Bad, "Types:", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("type", "colour")),
        new("addfield dictionary without dictionaryName", Bad, "dictionaryName", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("type", "dictionary")),
        new("addfield reference without targetTable", Bad, "targetTable", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("type", "reference")),
        new("addfield reference to an unknown table", Missing, "NOPE", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("type", "reference"), ("targetTable", "NOPE")),
        new("addfield computed", Bad, "Computed", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("type", "computed")),
        new("addfield invalid code", Bad, "not a valid field code", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("code", "bad code")),
        new("addfield taken code", Taken, "org_www", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("code", "org_www")),
        new("addfield taken name", Taken, "org_www", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", " website ")),
        new("addfield taken name does not create its dictionary", Taken, "org_www", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "Website"), ("type", "dictionary"), ("dictionaryName", "Planets")),
        new("addfield taken code does not create its dictionary", Taken, "org_www", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("code", "org_www"), ("type", "multi"), ("dictionaryName", "Planets")),
        new("addfield invalid flag", Bad, "true or false", ("command", "addfield"), ("tableName", "CLIENTS"), ("fieldName", "X"), ("required", "maybe")),
        new("editfield without tableName", Bad, "tableName", ("command", "editfield"), ("code", "org_www")),
        new("editfield unknown table", Missing, "NOPE", ("command", "editfield"), ("tableName", "NOPE"), ("code", "org_www")),
        new("editfield unknown field", Bad, "Did you mean: Website", ("command", "editfield"), ("tableName", "CLIENTS"), ("fieldName", "Webside"), ("searchable", "false")),
        new("editfield changes the type", Bad, "type", ("command", "editfield"), ("tableName", "CLIENTS"), ("code", "org_www"), ("type", "number")),
        new("editfield makes the title optional", Bad, "title", ("command", "editfield"), ("tableName", "CLIENTS"), ("code", "org_name"), ("required", "false")),
        new("editfield renames onto a taken name", Taken, "org_industry", ("command", "editfield"), ("tableName", "CLIENTS"), ("code", "org_www"), ("fieldName", "industry")),
        new("editfield unique over duplicates", Bad, "'Anna Lee' (ids 2, 3)", ("command", "editfield"), ("tableName", "CONTACTS"), ("code", "contact_name"), ("unique", "true")),
        new("editfield invalid flag", Bad, "true or false", ("command", "editfield"), ("tableName", "CLIENTS"), ("code", "org_www"), ("unique", "sometimes")),
        new("removefield without a field", Bad, "fieldName", ("command", "removefield"), ("tableName", "CLIENTS")),
        new("removefield the title", Bad, "title", ("command", "removefield"), ("tableName", "CLIENTS"), ("code", "org_name")),
        new("removefield unknown field", Bad, "Did you mean: Website", ("command", "removefield"), ("tableName", "CLIENTS"), ("fieldName", "Websit")),
        new("removefield unknown table", Missing, "NOPE", ("command", "removefield"), ("tableName", "NOPE"), ("code", "x")),
    ];

    public static TheoryData<string> Names => new(Calls.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_and_changes_nothing(string name)
    {
        var call = Calls.Single(c => c.Name == name);
        var before = await StoreSnapshot.TakeAsync(fixture.Server);
        var response = await fixture.Server.Client.GetAsync(call.Parameters);
        Api.AssertError(response, call.Code);
        Assert.Contains(call.DetailsContain, Api.Details(response), StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server));
    }

    [Fact]
    public async Task A_duplicate_names_the_holder()
    {
        var company = await fixture.Api.Fails("duplicate", "addcompany", ("clients-org_name", "adobe"));
        Assert.Equal("1", company["existingId"]);
        var login = await fixture.Api.Fails("duplicate", "updateOrCreateEntity", [("tableName", "CONTACTS"), .. Api.Pairs(("Name", "X"), ("Jira login", "TED"))]);
        Assert.Equal("1", login["existingId"]);
    }

    [Fact]
    public void Every_command_has_refused_calls()
    {
        string[] commands =
        [
            "getcompanybyname", "addcompany", "editcompany", "deletecompany", "getcontactbyname", "addcontact", "editcontact", "deletecontact",
            "setcontact", "updateOrCreateEntity", "searchEntities", "transactionslist", "adddictionaryvalue", "removedictionaryvalue",
            "getdictionary", "getfields", "addtable", "addfield", "editfield", "removefield",
        ];
        var covered = Calls.Select(c => c.Parameters.FirstOrDefault(p => p.Name == "command").Value).ToHashSet();
        Assert.DoesNotContain(commands, c => !covered.Contains(c));
    }

    private sealed record RefusedCall(string Name, string Code, string DetailsContain, params (string Name, string Value)[] Parameters);
}
