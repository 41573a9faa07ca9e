using Crm.Storage.Keys;

namespace Crm.Rules.Tests.Keys;

/// <summary>The RowKeys of a CRM table's partition: what each row is called, and reading ids and values back.</summary>
public sealed class RowKeysTests
{
    [Theory]
    [InlineData(1, "e~000000000001")]
    [InlineData(42, "e~000000000042")]
    [InlineData(999_999_999_999, "e~999999999999")]
    public void An_entry_key_holds_its_id_zero_padded_so_keys_sort_like_ids(long id, string rowKey)
    {
        Assert.Equal(rowKey, RowKeys.Entry(id));
        Assert.Equal(id, RowKeys.EntryId(rowKey));
        Assert.StartsWith(RowKeys.EntryPrefix, rowKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f1", "acme", "u~f1~acme")]
    [InlineData("f12", "a~b/c", "u~f12~a%7Eb%2Fc")]
    [InlineData("f1", "", "u~f1~")]
    public void A_claim_key_is_the_field_and_the_escaped_value(string field, string value, string rowKey)
    {
        Assert.Equal(rowKey, RowKeys.Claim(field, value));
        Assert.True(RowKeys.IsClaim(rowKey));
    }

    [Theory]
    [InlineData("f2", "acme", 7, "x~f2~acme~000000000007", "x~f2~acme~")]
    [InlineData("f2", "a~b", 12, "x~f2~a%7Eb~000000000012", "x~f2~a%7Eb~")]
    [InlineData("f10", "50%", 3, "x~f10~50%25~000000000003", "x~f10~50%25~")]
    public void An_index_key_is_field_value_and_id_and_gives_all_three_back(string field, string value, long id, string rowKey, string valuePrefix)
    {
        Assert.Equal(rowKey, RowKeys.Index(field, value, id));
        Assert.Equal(valuePrefix, RowKeys.IndexValuePrefix(field, value));
        Assert.StartsWith(RowKeys.IndexFieldPrefix(field), rowKey, StringComparison.Ordinal);
        Assert.Equal(id, RowKeys.IndexId(rowKey));
        Assert.Equal(value, KeyEscaper.Unescape(RowKeys.IndexSegment(rowKey)));
        Assert.False(RowKeys.IsClaim(rowKey));
    }

    [Theory]
    [InlineData("ac", "x~f2~acme~000000000001", true)]
    [InlineData("acme", "x~f2~acme~000000000001", true)]
    [InlineData("acme ", "x~f2~acme~000000000001", false)]
    [InlineData("b", "x~f2~acme~000000000001", false)]
    [InlineData("a~", "x~f2~a%7Eb~000000000001", true)]
    public void A_starts_with_prefix_covers_exactly_the_keys_of_values_with_that_start(string start, string rowKey, bool covered) =>
        Assert.Equal(covered, rowKey.StartsWith(RowKeys.IndexStartsWithPrefix("f2", start), StringComparison.Ordinal));

    [Fact]
    public void Field_prefixes_do_not_overlap_between_fields_sharing_a_start() =>
        Assert.False(RowKeys.Index("f10", "a", 1).StartsWith(RowKeys.IndexFieldPrefix("f1"), StringComparison.Ordinal));
}
