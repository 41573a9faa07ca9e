using System.Net;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Discovery;

/// <summary><c>/plugins/servlet/crm/api/&lt;command&gt;</c> answers exactly like <c>?command=&lt;command&gt;</c>, as GET and as form POST.</summary>
public sealed class CommandPathTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly CrmClient _client = fixture.Server.Client;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_command_in_the_path_answers_as_the_command_parameter_does(bool post)
    {
        var name = $"Path Co {post}";
        var id = Api.AssertId(await SendAsync(post, "addcompany", ("clients-org_name", name), ("view-clients-org_industry", "Consulting")));

        var byPath = await SendAsync(post, "getcompanybyname", ("companyId", id));
        var byParameter = await _client.CallAsync(post, ("command", "getcompanybyname"), ("companyId", id));

        Assert.Equal(HttpStatusCode.OK, byPath.Status);
        Assert.Equal(byParameter.Body, byPath.Body);
        Assert.Equal(name, byPath["org_name"]);
        Assert.Equal(Api.JsonContentType, byPath.ContentType);
    }

    [Fact]
    public async Task The_path_matches_commands_case_insensitively_and_a_list_streams_the_same()
    {
        var byPath = await SendAsync(false, "GETCOMPANIES");
        var byParameter = await _client.GetAsync(("command", "getcompanies"));

        Assert.Equal(byParameter.Body, byPath.Body);
    }

    [Fact]
    public async Task An_unknown_command_in_the_path_is_unknown_command_with_close_matches()
    {
        var response = await SendAsync(false, "getcompanys");

        Api.AssertError(response, "unknown_command");
        Assert.Contains("getcompanies", response["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_command_again_as_a_parameter_is_accepted_and_another_is_refused()
    {
        Api.AssertOk(await SendAsync(false, "gettables", ("command", "gettables")), "gettables");

        var response = await SendAsync(true, "gettables", ("command", "deletecompany"), ("companyId", "1"));

        Api.AssertError(response, "bad_request");
        Assert.Contains("'command'", response["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_path_needs_the_key_like_any_call()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api/getcompanies");

        Api.AssertError(await _client.SendAsync(request), "unauthorized");
    }

    private async Task<CrmResponse> SendAsync(bool post, string command, params (string Name, string Value)[] parameters)
    {
        (string Name, string Value)[] all = [("apiKey", CrmTestServer.ApiKey), ("userName", CrmTestServer.Admin), .. parameters];
        var path = "/plugins/servlet/crm/api/" + command;
        using var request = post
            ? new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all.Select(p => KeyValuePair.Create(p.Name, p.Value))) }
            : new HttpRequestMessage(HttpMethod.Get, path + "?" + CrmClient.Query(all));
        return await _client.SendAsync(request);
    }
}
