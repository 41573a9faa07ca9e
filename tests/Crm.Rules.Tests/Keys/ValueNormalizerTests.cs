using Crm.Storage.Keys;

namespace Crm.Rules.Tests.Keys;

public sealed class ValueNormalizerTests
{
    [Theory]
    [InlineData("Acme", "acme")]
    [InlineData("  Acme \t\n Corp  ", "acme corp")]
    [InlineData("ÉCOLE", "école")]
    [InlineData("a\u00A0b", "a b")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    public void The_comparison_form_is_trimmed_collapsed_composed_and_case_folded(string value, string normalized) =>
        Assert.Equal(normalized, ValueNormalizer.Normalize(value));

    [Theory]
    [InlineData("  Acme \t  Corp  ", "Acme Corp")]
    [InlineData("ÉCOLE", "ÉCOLE")]
    [InlineData("line\nbreak", "line\nbreak")]
    [InlineData(" \t ", "")]
    public void The_stored_form_collapses_spaces_and_tabs_but_keeps_the_spelling(string value, string tidy) =>
        Assert.Equal(tidy, ValueNormalizer.Tidy(value));
}
