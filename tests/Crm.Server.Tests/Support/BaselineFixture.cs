using Crm.TestSupport;

namespace Crm.Server.Tests.Support;

/// <summary>
/// A server with a small known data set, for classes whose calls must all fail and so leave it as it is.
/// </summary>
public sealed class BaselineFixture : IAsyncLifetime
{
    private CrmTestServer? _server;

    public CrmTestServer Server => _server ?? throw new InvalidOperationException("Not started.");
    public Api Api => new(Server.Client);

    public async Task InitializeAsync()
    {
        _server = new CrmTestServer();
        var api = Api;
        await api.Ok("addcompany", ("clients-org_name", "Adobe"));
        await api.Ok("addcompany", ("clients-org_name", "Teamlead"), ("clients-org_www", "teamlead.example"));
        await api.Ok("addcontact", ("clients-contact_name", "Ted Johnson"), ("clients-contact_company", "Adobe"),
            ("clients-contact_email", "ted@adobe.example"), ("clients-contact_login", "ted"));
        await api.Ok("addcontact", ("clients-contact_name", "Anna Lee"), ("clients-contact_company", "Teamlead"));
        await api.Ok("addcontact", ("clients-contact_name", "anna  lee"));
        await api.Ok("updateOrCreateEntity", [("tableName", "PRODUCTS"), .. Api.Pairs(("Product Name", "Widget"), ("Price", "10"))]);
        await api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("Issue", "CRM-1"), ("Description", "Licence"),
            ("Company", "Adobe"), ("Date", "2026-01-31"), ("Amount", "5"), ("Direction", "Income"))]);
        await api.Ok("adddictionaryvalue", ("dictionaryName", "Colors"), ("newvalue", "Green"));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
