using Azure.Data.Tables;
using Crm.Server.Tests.Support;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests.Access;

/// <summary>
/// Issue 15, defect 4: logins that differ only by case folding (micro sign and Greek mu, final and capital sigma,
/// Kelvin sign and k) are one login for keys and lookups alike; those the invariant case mapping keeps apart
/// (dotless i and I, long s and S) are two users everywhere. Users stored twice under one login (by an earlier
/// version) never take the API down. Each test has a store of its own.
/// </summary>
public sealed class LoginFoldingTests
{
    [Theory]
    [InlineData("\u00B5kim", "\u03BCkim")] // micro sign, Greek small mu: upper-case alike
    [InlineData("kim\u03C2", "KIM\u03A3")] // final sigma, capital sigma
    [InlineData("\u212Aim", "kim")] // Kelvin sign: lower-cases alike
    public async Task Logins_that_fold_alike_are_one_user(string first, string second)
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);

        Assert.True((await api.Ok("setuser", ("login", first))).Json.GetProperty("created").GetBoolean());
        Assert.False((await api.Ok("setuser", ("login", second), ("displayName", "Kim"))).Json.GetProperty("created").GetBoolean());

        await api.Ok("getcompanies");
        var kim = Assert.Single(await api.List("users", "getusers"), u => u["login"] != CrmTestServer.Admin);
        Assert.Equal(first, kim["login"]);
        Assert.Equal("Kim", kim["displayName"]);
        Assert.Equal("Kim", (await api.List("users", "getusers", ("login", second))).Single()["displayName"]);

        await api.Ok("removeuser", ("login", second));
        await api.Fails("not_found", "getusers", ("login", first));
        await api.Ok("getcompanies");
    }

    [Theory]
    [InlineData("K\u0131m", "KIM")] // dotless i: its upper case is I only in Turkish
    [InlineData("\u017Fam", "SAM")] // long s
    public async Task Logins_that_do_not_fold_alike_are_two_users_and_the_api_stays_up(string first, string second)
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);

        Assert.True((await api.Ok("setuser", ("login", first), ("displayName", "First"))).Json.GetProperty("created").GetBoolean());
        Assert.True((await api.Ok("setuser", ("login", second), ("displayName", "Second"))).Json.GetProperty("created").GetBoolean());

        await api.Ok("getcompanies");
        Assert.Equal("First", (await api.List("users", "getusers", ("login", first))).Single()["displayName"]);
        Assert.Equal("Second", (await api.List("users", "getusers", ("login", second))).Single()["displayName"]);
        await api.Ok("removeuser", ("login", second));
        Assert.Equal("First", (await api.List("users", "getusers", ("login", first))).Single()["displayName"]);
        await api.Fails("not_found", "getusers", ("login", second));
    }

    [Fact]
    public async Task Users_stored_twice_under_one_folded_login_are_served_once_and_removed_together()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        // Before the first call, so the directory is first read with these rows in it.
        var access = server.Services.GetRequiredService<CrmTableSet>().Access;
        await access.CreateIfNotExistsAsync();
        // What earlier versions wrote: rows keyed by ToLowerInvariant, which keeps these two apart.
        foreach (var login in new[] { "\u00B5kim", "\u03BCkim" })
        {
            await access.AddEntityAsync(new TableEntity("access", "u~" + login)
            {
                ["Login"] = login, ["DisplayName"] = login, ["Email"] = "", ["Active"] = true, ["Groups"] = "",
            });
        }

        await api.Ok("getcompanies");
        Assert.Single(await api.List("users", "getusers", ("login", "\u039CKIM")));
        Assert.Equal(2, (await api.List("users", "getusers")).Count); // admin and one kim

        await api.Ok("removeuser", ("login", "\u00B5kim"));
        var left = new List<string>();
        await foreach (var row in access.QueryAsync<TableEntity>(r => r.PartitionKey == "access"))
        {
            left.Add(row.RowKey);
        }
        Assert.DoesNotContain(left, key => key.Contains("kim", StringComparison.Ordinal));
    }
}
