using Crm.Core.Entries.Versions;

namespace Crm.Rules.Tests.Versions;

/// <summary>How an <c>If-Match</c> value is read (docs/api.md#concurrency): <c>*</c>, lists, quoted, weak and bare tags.</summary>
public sealed class IfMatchConditionTests
{
    private const string Current = "\"0123456789abcdef0123456789abcdef\"";

    [Theory]
    [InlineData("\"0123456789abcdef0123456789abcdef\"", true)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("W/\"0123456789abcdef0123456789abcdef\"", true)]
    [InlineData("w/\"0123456789abcdef0123456789abcdef\"", true)]
    [InlineData("\"old\", \"0123456789abcdef0123456789abcdef\"", true)]
    [InlineData("*", true)]
    [InlineData("\"old\", *", true)]
    [InlineData("\"old\"", false)]
    [InlineData("\"0123456789ABCDEF0123456789ABCDEF\"", false)]
    [InlineData("\"0123456789abcdef0123456789abcde\"", false)]
    [InlineData("\"\"", false)]
    [InlineData(",", false)]
    public void A_condition_matches_the_current_tag_only_when_it_names_it_or_any(string raw, bool matches)
    {
        var condition = IfMatchCondition.Parse(raw);
        Assert.NotNull(condition);
        Assert.Equal(matches, condition.Matches(Current));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_value_is_no_condition_at_all(string? raw) =>
        Assert.Null(IfMatchCondition.Parse(raw));

    [Fact]
    public void An_unknown_current_version_matches_only_any()
    {
        Assert.True(IfMatchCondition.Parse("*")!.Matches(null));
        Assert.False(IfMatchCondition.Parse(Current)!.Matches(null));
    }

    [Fact]
    public void Tags_differ_between_tables_ids_and_storage_versions_and_are_quoted()
    {
        var tag = EntryVersions.Tag("CLIENTS", 7, "W/\"datetime'2026-11-30T00%3A00%3A00Z'\"");
        Assert.Matches("^\"[0-9a-f]{32}\"$", tag!);
        Assert.NotEqual(tag, EntryVersions.Tag("CONTACTS", 7, "W/\"datetime'2026-11-30T00%3A00%3A00Z'\""));
        Assert.NotEqual(tag, EntryVersions.Tag("CLIENTS", 8, "W/\"datetime'2026-11-30T00%3A00%3A00Z'\""));
        Assert.NotEqual(tag, EntryVersions.Tag("CLIENTS", 7, "W/\"datetime'2026-11-30T00%3A00%3A01Z'\""));
        Assert.Null(EntryVersions.Tag("CLIENTS", 7, null));
    }
}
