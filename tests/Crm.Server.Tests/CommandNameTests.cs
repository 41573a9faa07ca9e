using System.Net;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>docs/api.md#calling-it: <c>command</c> is matched case-insensitively; parameter names are not.</summary>
public sealed class CommandNameTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    [Theory]
    [InlineData("searchEntities")]
    [InlineData("searchentities")]
    [InlineData("SEARCHENTITIES")]
    [InlineData(" SearchEntities ")]
    public async Task Command_names_match_in_any_case(string command)
    {
        var response = await fixture.Server.Client.GetAsync(("command", command), ("tableName", "PRODUCTS"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Success);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, response.Json.GetProperty("records").ValueKind);
    }

    [Fact]
    public async Task Parameter_names_are_matched_exactly()
    {
        var response = await fixture.Server.Client.GetAsync(("command", "getcompanybyname"), ("COMPANYID", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("bad_request", response.Code);
    }
}
