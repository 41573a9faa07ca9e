using Crm.Core.Endpoint;
using Crm.Core.Entries.Paging;
using Crm.Core.Errors;

namespace Crm.Rules.Tests.Paging;

/// <summary>How <c>limit</c> and <c>cursor</c> are read (docs/api.md#paging).</summary>
public sealed class PageRequestTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    [InlineData(" 25 ", 25)]
    [InlineData("0025", 25)]
    public void A_limit_from_1_to_1000_asks_for_a_page_of_that_size(string limit, int expected) =>
        Assert.Equal(expected, PageRequest.From(Parameters(("limit", limit)))!.Limit);

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("5.0")]
    [InlineData("1e3")]
    [InlineData("ten")]
    [InlineData("2147483648")]
    public void Any_other_limit_is_a_bad_request_naming_the_range(string limit)
    {
        var refusal = Assert.Throws<CrmException>(() => PageRequest.From(Parameters(("limit", limit))));
        Assert.Equal(ErrorCode.BadRequest, refusal.Code);
        Assert.Contains("1 to 1,000", refusal.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_limit_there_is_no_page_and_a_cursor_alone_is_refused()
    {
        Assert.Null(PageRequest.From(Parameters()));
        Assert.Null(PageRequest.From(Parameters(("limit", " "))));
        Assert.Equal(ErrorCode.BadRequest, Assert.Throws<CrmException>(() => PageRequest.From(Parameters(("cursor", "abc")))).Code);
        Assert.Equal("abc", PageRequest.From(Parameters(("limit", "5"), ("cursor", "abc")))!.Cursor);
    }

    [Fact]
    public void Bindings_differ_by_command_table_and_criteria_but_not_by_spelling()
    {
        var list = CursorBinding.Of("getcompanies", "CLIENTS");
        Assert.Equal(list, CursorBinding.Of("GetCompanies", "CLIENTS"));
        Assert.NotEqual(list, CursorBinding.Of("getcontacts", "CLIENTS"));
        Assert.NotEqual(list, CursorBinding.Of("getcompanies", "CONTACTS"));
        Assert.NotEqual(list.ToBytes(1), list.ToBytes(2));
    }

    private static RequestParameters Parameters(params (string Name, string Value)[] values) =>
        RequestParameters.From(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
}
