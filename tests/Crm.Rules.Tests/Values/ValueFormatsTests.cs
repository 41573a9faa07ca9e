using Crm.Core.Errors;
using Crm.Core.Values;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Rules.Tests.Values;

public sealed class ValueFormatsTests
{
    [Theory]
    [InlineData(FieldType.Text, "  keeps  its spacing ", "  keeps  its spacing ")]
    [InlineData(FieldType.Text, "   ", "")]
    [InlineData(FieldType.Email, " name@example.com ", "name@example.com")]
    [InlineData(FieldType.Url, " https://example.com/a?b=c ", "https://example.com/a?b=c")]
    [InlineData(FieldType.Number, "10.50", "10.50")]
    [InlineData(FieldType.Number, " -3 ", "-3")]
    [InlineData(FieldType.Number, "1e3", "1000")]
    [InlineData(FieldType.Date, "2024-02-29", "2024-02-29")]
    [InlineData(FieldType.Checkbox, "YES", "true")]
    [InlineData(FieldType.Checkbox, "1", "true")]
    [InlineData(FieldType.Checkbox, "on", "true")]
    [InlineData(FieldType.Checkbox, "False", "false")]
    [InlineData(FieldType.Checkbox, "0", "false")]
    [InlineData(FieldType.Checkbox, "off", "false")]
    [InlineData(FieldType.Dictionary, "  Lead ", "Lead")]
    [InlineData(FieldType.Reference, " 12 ", "12")]
    [InlineData(FieldType.Email, "", "")]
    [InlineData(FieldType.Number, "  ", "")]
    public void A_valid_value_is_stored_in_its_field_types_form(FieldType type, string raw, string stored) =>
        Assert.Equal(stored, ValueFormats.ToStored(Fields.OfType(type), raw));

    [Theory]
    [InlineData(FieldType.Email, "no-at-sign", "an e-mail address")]
    [InlineData(FieldType.Email, "two@@example.com", "an e-mail address")]
    [InlineData(FieldType.Email, "name@host", "an e-mail address")]
    [InlineData(FieldType.Url, "https://exa mple.com", "a web address without spaces")]
    [InlineData(FieldType.Number, "ten", "a number")]
    [InlineData(FieldType.Number, "1,5", "a number")]
    [InlineData(FieldType.Date, "2023-02-29", "a date as yyyy-MM-dd")]
    [InlineData(FieldType.Date, "29.02.2024", "a date as yyyy-MM-dd")]
    [InlineData(FieldType.Date, "2024-2-9", "a date as yyyy-MM-dd")]
    [InlineData(FieldType.Checkbox, "maybe", "true or false")]
    public void An_invalid_value_is_a_bad_request_naming_the_field_and_the_expected_form(FieldType type, string raw, string expected)
    {
        var error = Assert.Throws<CrmException>(() => ValueFormats.ToStored(Fields.OfType(type), raw));
        Assert.Equal(ErrorCode.BadRequest, error.Code);
        Assert.Contains($"'{raw.Trim()}' is not a valid value for code (Label): expected {expected}", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void A_computed_field_cannot_be_written() =>
        Assert.Equal(ErrorCode.BadRequest, Assert.Throws<CrmException>(() => ValueFormats.ToStored(Fields.OfType(FieldType.Computed), "x")).Code);

    [Theory]
    [InlineData(FieldType.Text)]
    [InlineData(FieldType.Dictionary)]
    public void A_value_longer_than_a_table_property_holds_is_refused_and_shortened_in_the_message(FieldType type)
    {
        var error = Assert.Throws<CrmException>(() => ValueFormats.ToStored(Fields.OfType(type), new string('a', TableLimits.MaxStringLength + 1)));
        Assert.Contains($"at most {TableLimits.MaxStringLength} characters", error.Details, StringComparison.Ordinal);
        Assert.Contains("'" + new string('a', 57) + "...'", error.Details, StringComparison.Ordinal);
        Assert.Equal(new string('a', TableLimits.MaxStringLength), ValueFormats.ToStored(Fields.OfType(type), new string('a', TableLimits.MaxStringLength)));
    }

    [Theory]
    [InlineData("  Acme \t  Corp  ", "Acme Corp")]
    [InlineData("Acme", "Acme")]
    [InlineData(" ", "")]
    public void A_title_is_trimmed_and_its_inner_spaces_collapsed_but_keeps_its_spelling(string raw, string stored) =>
        Assert.Equal(stored, ValueFormats.ToStored(Fields.Title, raw));

    [Theory]
    [InlineData(FieldType.Number, "10", "10")]
    [InlineData(FieldType.Number, "10.00", "10")]
    [InlineData(FieldType.Number, "10.50", "10.5")]
    [InlineData(FieldType.Number, "1000", "1000")]
    [InlineData(FieldType.Number, "-0.10", "-0.1")]
    [InlineData(FieldType.Text, "  École   PARIS ", "école paris")]
    [InlineData(FieldType.Email, "Name@Example.COM", "name@example.com")]
    [InlineData(FieldType.Dictionary, "Lead", "lead")]
    public void The_search_form_makes_equal_values_equal(FieldType type, string stored, string searched) =>
        Assert.Equal(searched, ValueFormats.SearchForm(Fields.OfType(type), stored));
}
