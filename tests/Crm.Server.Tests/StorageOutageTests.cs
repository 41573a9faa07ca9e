using System.Net;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>
/// Issue 15, defect 1: when storage cannot be reached, every call answers 503 <c>unavailable</c> with
/// <c>Retry-After</c> as the JSON error object (never 500), nothing is written, and the API works again once
/// storage is back. Storage sits behind <see cref="TcpFaultProxy"/> (or is a closed port); calls go over real HTTP.
/// </summary>
public sealed class StorageOutageTests
{
    public enum Outage { ClosedPort, Reset, EndEarly }

    [Theory]
    [InlineData(Outage.ClosedPort)]
    [InlineData(Outage.Reset)]
    [InlineData(Outage.EndEarly)]
    public async Task Unreachable_storage_answers_503_unavailable_with_retry_after(Outage outage)
    {
        await using var proxy = new TcpFaultProxy(upstreamPort: null, outage == Outage.EndEarly ? NetworkFault.EndEarly : NetworkFault.Reset);
        var port = outage == Outage.ClosedPort ? Azurite.FreePort() : proxy.Port;
        await using var server = ServerOn(port);

        foreach (var post in new[] { false, true })
        {
            AssertUnavailable(await server.Client.CallAsync(post, ("command", "getcompanies")));
            AssertUnavailable(await server.Client.CallAsync(post, ("command", "addcompany"), ("clients-org_name", "Acme")));
        }
    }

    [Fact]
    public async Task Storage_going_down_and_back_gives_503s_then_works_with_nothing_written_meanwhile()
    {
        await using var proxy = new TcpFaultProxy(Azurite.LoopbackTablePort());
        await using var server = ServerOn(proxy.Port);
        var api = new Api(server.Client);
        await api.Ok("addcompany", ("clients-org_name", "Before"));

        proxy.Fault = NetworkFault.Reset;
        AssertUnavailable(await api.Call("addcompany", ("clients-org_name", "During")));
        AssertUnavailable(await api.Call("editcompany", ("companyName", "Before"), ("clients-org_www", "during.example")));
        AssertUnavailable(await api.Call("getcompanybyname", ("companyName", "Before")));
        AssertUnavailable(await api.Call("searchEntities", ("tableName", "CLIENTS")));
        proxy.Fault = NetworkFault.EndEarly;
        AssertUnavailable(await api.Call("getcompanies"));

        proxy.Fault = NetworkFault.None;
        await api.Ok("addcompany", ("clients-org_name", "After"));
        var companies = await api.List("companies", "getcompanies");
        Assert.Equal(["Before", "After"], companies.Select(c => c["name"]));
        Assert.Equal("", companies[0]["org_www"]);
    }

    [Fact]
    public async Task A_list_whose_second_page_cannot_be_read_is_cut_off_not_answered_short()
    {
        await using var proxy = new TcpFaultProxy(Azurite.LoopbackTablePort());
        await using var server = ServerOn(proxy.Port);
        await BulkEntries.InsertAsync(server, "CLIENTS", 1_001, i => new Dictionary<string, string> { ["org_name"] = $"Company {i}" });

        // The second page is asked for with the continuation key of the first.
        proxy.TripOn = "NextRowKey=";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?" + CrmClient.Query(
            [("command", "getcompanies"), ("apiKey", CrmTestServer.ApiKey), ("userName", CrmTestServer.Admin)]));
        using var response = await server.Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var broken = await Record.ExceptionAsync(() => response.Content.ReadAsStringAsync());
        Assert.True(proxy.Tripped, "the second page was never asked for");
        Assert.True(broken is HttpRequestException or IOException, $"expected a broken answer, got {broken?.ToString() ?? "a complete one"}");
    }

    private static CrmTestServer ServerOn(int storagePort) =>
        new(new Dictionary<string, string?> { ["Crm:Storage:ConnectionString"] = Azurite.ConnectionStringFor(storagePort) });

    private static void AssertUnavailable(CrmResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.ServiceUnavailable && response.Code == "unavailable", $"expected 503 unavailable, got {response}");
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.False(response.Success);
        Assert.NotNull(response.RetryAfter);
        Assert.True(response.RetryAfter > TimeSpan.Zero);
    }
}
