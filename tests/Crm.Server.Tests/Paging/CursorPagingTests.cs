using System.Text.Json;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Paging;

/// <summary>
/// Cursor pages (docs/api.md#paging): <c>limit</c> (1–1,000) and <c>cursor</c> on getcompanies, getcontacts,
/// searchEntities and transactionslist; <c>nextCursor</c> until the last page; id order, so an entry that exists for
/// the whole walk comes exactly once while others come and go; a cursor is good only for the command, table and
/// criteria it was issued for.
/// </summary>
public sealed class CursorPagingTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Fact]
    public async Task A_walk_with_inserts_and_deletes_between_pages_returns_every_surviving_entry_exactly_once()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        var initial = new List<string>();
        for (var i = 1; i <= 23; i++)
        {
            initial.Add(await api.Id("addcompany", ("clients-org_name", $"Walker {i}")));
        }
        var deleted = new HashSet<string>();
        var seen = new List<string>();
        string? cursor = null;
        var page = 0;
        do
        {
            var answer = await api.Ok("getcompanies", [("limit", "4"), .. cursor is null ? [] : new[] { ("cursor", cursor) }]);
            var ids = Ids(answer, "companies");
            cursor = NextCursor(answer);
            Assert.InRange(ids.Count, cursor is null ? 0 : 1, 4);
            seen.AddRange(ids);
            page++;
            // Between pages: two new companies, one not yet listed and one already listed removed.
            await api.Id("addcompany", ("clients-org_name", $"Newcomer {page}a"));
            await api.Id("addcompany", ("clients-org_name", $"Newcomer {page}b"));
            foreach (var victim in new[] { initial.FirstOrDefault(id => !seen.Contains(id) && !deleted.Contains(id) && id != initial[^1]), seen.FirstOrDefault(id => !deleted.Contains(id)) })
            {
                if (victim is not null && deleted.Add(victim))
                {
                    await api.Ok("deletecompany", ("companyId", victim));
                }
            }
        }
        while (cursor is not null && page < 100);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(long.Parse), seen);
        var survivors = initial.Where(id => !deleted.Contains(id)).ToList();
        Assert.NotEmpty(survivors);
        Assert.All(survivors, id => Assert.Contains(id, seen));
        Assert.True(deleted.Count > 5, $"only {deleted.Count} deleted during the walk");
    }

    [Fact]
    public async Task The_last_full_page_gives_no_cursor_so_no_empty_page_follows_and_without_limit_the_list_is_whole()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        var ids = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            ids.Add(await api.Id("addcontact", ("clients-contact_name", $"Pager {i}")));
        }

        var first = await api.Ok("getcontacts", ("limit", "3"));
        Assert.Equal(["success", "contacts", "nextCursor"], first.Keys);
        var second = await api.Ok("getcontacts", ("limit", "3"), ("cursor", NextCursor(first)!));
        Assert.Equal(["success", "contacts"], second.Keys);
        Assert.Equal(ids, Ids(first, "contacts").Concat(Ids(second, "contacts")));

        using (var counters = new StorageCounters(server.Services))
        {
            await api.Ok("getcontacts", ("limit", "2"));
            // The two shown and the one read ahead: a page never reads a storage page's worth of rows.
            Assert.Equal(3, counters.RowsRead);
        }
        var one = await api.Ok("getcontacts", ("limit", "1000"));
        Assert.Equal(["success", "contacts"], one.Keys);
        Assert.Equal(ids, Ids(one, "contacts"));
        var whole = await api.Ok("getcontacts");
        Assert.Equal(["success", "contacts"], whole.Keys);
        Assert.Equal(ids, Ids(whole, "contacts"));
        var empty = await api.Ok("getcompanies", ("limit", "5"));
        Assert.Equal(["success", "companies"], empty.Keys);
        Assert.Empty(Ids(empty, "companies"));
    }

    [Fact]
    public async Task A_full_last_page_asks_storage_once_when_storage_says_nothing_follows()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        for (var i = 1; i <= 6; i++)
        {
            await api.Id("addcontact", ("clients-contact_name", $"End {i}"));
        }
        var first = await api.Ok("getcontacts", ("limit", "3"));

        using var counters = new StorageCounters(server.Services);
        var last = await api.Ok("getcontacts", ("limit", "3"), ("cursor", NextCursor(first)!));
        Assert.Equal(3, Ids(last, "contacts").Count);
        Assert.Null(NextCursor(last));
        // The query answered without a continuation, which means no more rows: neither the next id nor a row
        // ahead needs reading.
        Assert.Equal(1, counters.Queries);
        Assert.Equal(3, counters.RowsRead);
    }

    [Fact]
    public async Task A_full_page_whose_next_id_was_deleted_gives_a_cursor_only_when_a_later_entry_exists()
    {
        await using var server = new CrmTestServer();
        var api = new Api(server.Client);
        var ids = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await api.Id("addcontact", ("clients-contact_name", $"Gap {i}")));
        }
        await api.Ok("deletecontact", ("contactId", ids[2]));

        var first = await api.Ok("getcontacts", ("limit", "2"));
        var second = await api.Ok("getcontacts", ("limit", "2"), ("cursor", NextCursor(first)!));
        Assert.Equal([ids[0], ids[1]], Ids(first, "contacts"));
        Assert.Equal([ids[3]], Ids(second, "contacts"));
        Assert.Null(NextCursor(second));

        await api.Ok("deletecontact", ("contactId", ids[3]));
        var full = await api.Ok("getcontacts", ("limit", "2"));
        Assert.Equal([ids[0], ids[1]], Ids(full, "contacts"));
        Assert.Null(NextCursor(full));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("2.5")]
    [InlineData("99999999999999999999")]
    public async Task A_limit_outside_1_to_1000_or_not_a_whole_number_is_refused(string limit)
    {
        var answer = await _api.Fails("bad_request", "getcompanies", ("limit", limit));
        Assert.Contains("limit", Api.Details(answer), StringComparison.Ordinal);
        await _api.Fails("bad_request", "searchEntities", ("tableName", "CLIENTS"), ("limit", limit));
        await _api.Fails("bad_request", "transactionslist", ("saleVal", "CRM-1"), ("limit", limit));
    }

    [Fact]
    public async Task A_forged_or_altered_cursor_is_refused()
    {
        await Seed("Forge", 3);
        var cursor = NextCursor(await _api.Ok("searchEntities", [("tableName", "CLIENTS"), ("limit", "1"), .. Api.Pairs(("org_name", "Forge*"))]))!;
        var flipped = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];
        var lastFlipped = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');
        var forged = new[] { flipped, lastFlipped, cursor[..^1], cursor + "A", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not a cursor", "12" };

        foreach (var bad in forged)
        {
            var answer = await _api.Fails("bad_request", "searchEntities", [("tableName", "CLIENTS"), ("limit", "1"), ("cursor", bad), .. Api.Pairs(("org_name", "Forge*"))]);
            Assert.Contains("cursor", Api.Details(answer), StringComparison.Ordinal);
        }
        await _api.Ok("searchEntities", [("tableName", "CLIENTS"), ("limit", "1"), ("cursor", cursor), .. Api.Pairs(("org_name", "Forge*"))]);
    }

    [Fact]
    public async Task A_cursor_works_only_for_the_command_table_and_criteria_it_was_issued_for()
    {
        await Seed("Bound", 3);
        await _api.Id("addcontact", ("clients-contact_name", "Bound Person 1"));
        await _api.Id("addcontact", ("clients-contact_name", "Bound Person 2"));
        var companies = NextCursor(await _api.Ok("getcompanies", ("limit", "1")))!;
        var search = NextCursor(await _api.Ok("searchEntities", [("tableName", "CLIENTS"), ("limit", "1"), .. Api.Pairs(("org_name", "Bound*"))]))!;

        await _api.Fails("bad_request", "getcontacts", ("limit", "1"), ("cursor", companies));
        await _api.Fails("bad_request", "searchEntities", ("tableName", "CLIENTS"), ("limit", "1"), ("cursor", companies));
        await _api.Fails("bad_request", "searchEntities", [("tableName", "CLIENTS"), ("limit", "1"), ("cursor", search), .. Api.Pairs(("org_name", "Forge*"))]);
        await _api.Fails("bad_request", "searchEntities", [("tableName", "CONTACTS"), ("limit", "1"), ("cursor", search), .. Api.Pairs(("contact_name", "Bound*"))]);
        await _api.Fails("bad_request", "searchEntities", [("tableName", "CLIENTS"), ("limit", "1"), ("cursor", search), .. Api.Pairs(("org_name", "Bound*"), ("org_www", "x.example"))]);
        await _api.Fails("bad_request", "transactionslist", ("saleVal", "CRM-1"), ("limit", "1"), ("cursor", search));
        await _api.Fails("bad_request", "getcompanies", ("cursor", companies));

        await _api.Ok("getcompanies", ("limit", "2"), ("cursor", companies));
        await _api.Ok("searchEntities", [("tableName", "clients"), ("limit", "5"), ("cursor", search), .. Api.Pairs(("org_name", "Bound*"))]);
    }

    [Fact]
    public async Task SearchEntities_pages_through_its_matches_in_id_order()
    {
        var matching = await Seed("Searchpage", 7);
        await Seed("Otherpage", 3);

        var walked = await Walk("records", "searchEntities", [("tableName", "CLIENTS"), .. Api.Pairs(("org_name", "Searchpage*"))], limit: 3);

        Assert.Equal(matching, walked.SelectMany(p => p));
        Assert.Equal([3, 3, 1], walked.Select(p => p.Count));
        var all = await Walk("records", "searchEntities", [("tableName", "CLIENTS")], limit: 1000);
        Assert.Subset(all.SelectMany(p => p).ToHashSet(), matching.ToHashSet());
    }

    [Fact]
    public async Task Transactionslist_pages_through_the_transactions_of_an_issue()
    {
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add((await _api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("trans_issue", "PAGE-9"), ("trans_description", $"Line {i}"))]))["id"]);
        }
        await _api.Ok("updateOrCreateEntity", [("tableName", "TRANSACTIONS"), .. Api.Pairs(("trans_issue", "PAGE-99"), ("trans_description", "Elsewhere"))]);

        var walked = await Walk("transactions", "transactionslist", [("saleVal", "PAGE-9")], limit: 2);

        Assert.Equal(ids, walked.SelectMany(p => p));
        Assert.Equal([2, 2, 1], walked.Select(p => p.Count));
    }

    private async Task<List<string>> Seed(string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            ids.Add(await _api.Id("addcompany", ("clients-org_name", $"{prefix} {i}")));
        }
        return ids;
    }

    /// <summary>Every page of a walk (each page's ids), asserting the answer's keys on the way.</summary>
    private async Task<List<List<string>>> Walk(string listKey, string command, (string Name, string Value)[] parameters, int limit)
    {
        var pages = new List<List<string>>();
        string? cursor = null;
        do
        {
            var answer = await _api.Ok(command, [.. parameters, ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. cursor is null ? [] : new[] { ("cursor", cursor) }]);
            cursor = NextCursor(answer);
            Assert.Equal(cursor is null ? ["success", listKey] : ["success", listKey, "nextCursor"], answer.Keys);
            pages.Add(Ids(answer, listKey));
            Assert.True(cursor is null || pages[^1].Count > 0, "a page with a nextCursor is empty");
        }
        while (cursor is not null && pages.Count < 100);
        return pages;
    }

    private static List<string> Ids(CrmResponse answer, string listKey) =>
        answer.Json.GetProperty(listKey).EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

    private static string? NextCursor(CrmResponse answer) =>
        answer.Json.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
}
