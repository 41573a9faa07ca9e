using Crm.Core.Values;

namespace Crm.Rules.Tests.Values;

public sealed class CloseMatchesTests
{
    private static readonly string[] CompanyCodes = ["org_name", "org_type", "org_industry", "org_www", "org_sla", "org_contact", "org_people"];

    [Theory]
    [InlineData("org_nme", "org_name")]
    [InlineData(" ORG_NAME ", "org_name")]
    [InlineData("org_industy", "org_industry")]
    [InlineData("industry", "org_industry")]
    [InlineData("org_contct", "org_contact")]
    [InlineData("org_ww", "org_www")]
    [InlineData("zzzzzzzz", "")]
    [InlineData("xy", "")]
    public void A_misspelt_code_finds_its_closest_codes(string wanted, string expected) =>
        Assert.Equal(expected, string.Join(",", CloseMatches.Find(wanted, CompanyCodes)));

    [Fact]
    public void At_most_three_candidates_come_back_closest_first_and_case_duplicates_once()
    {
        Assert.Equal(["b", "c", "d"], CloseMatches.Find("a", ["b", "c", "d", "e"]));
        Assert.Equal(["abc", "abcd"], CloseMatches.Find("abc", ["abcd", "abc"]));
        Assert.Equal(["ABD"], CloseMatches.Find("abc", ["ABD", "abd"]));
    }

    [Theory]
    [InlineData("org_nme", " Did you mean: org_name?")]
    [InlineData("org_sl", " Did you mean: org_sla?")]
    [InlineData("org_", " Did you mean: org_www, org_sla, org_name?")]
    [InlineData("nothing like it", "")]
    public void The_hint_is_a_sentence_to_append_or_nothing(string wanted, string hint) =>
        Assert.Equal(hint, CloseMatches.Describe(wanted, CompanyCodes));
}
