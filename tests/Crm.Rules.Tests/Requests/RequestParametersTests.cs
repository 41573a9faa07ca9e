using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Microsoft.Extensions.Primitives;

namespace Crm.Rules.Tests.Requests;

/// <summary>Query string and form body merged into one set of parameters (docs/api.md#calling-it).</summary>
public sealed class RequestParametersTests
{
    [Theory]
    [InlineData("a", "1", "b", "2", "a=1 b=2")]
    [InlineData("a", "1", "a", "1", "a=1")]
    [InlineData("a", "", "A", "x", "a= A=x")]
    public void Query_and_form_merge_and_the_same_value_twice_is_one(string queryName, string queryValue, string formName, string formValue, string merged)
    {
        var parameters = RequestParameters.From(Source((queryName, queryValue)), Source((formName, formValue)));
        Assert.Equal(merged, string.Join(' ', parameters.All.Select(p => $"{p.Key}={p.Value}")));
    }

    [Fact]
    public void One_name_with_two_different_values_is_a_bad_request_wherever_they_come_from()
    {
        var acrossSources = Assert.Throws<CrmException>(() => RequestParameters.From(Source(("a", "1")), Source(("a", "2"))));
        Assert.Equal(ErrorCode.BadRequest, acrossSources.Code);
        Assert.Equal("The parameter 'a' is given twice with different values.", acrossSources.Details);

        var repeated = new[] { new KeyValuePair<string, StringValues>("a", new StringValues(["1", "2"])) };
        Assert.Equal(ErrorCode.BadRequest, Assert.Throws<CrmException>(() => RequestParameters.From(repeated)).Code);

        var same = new[] { new KeyValuePair<string, StringValues>("a", new StringValues(["1", "1"])) };
        Assert.Equal("1", RequestParameters.From(same).Get("a"));
    }

    [Theory]
    [InlineData("  Acme  ", "  Acme  ", "Acme")]
    [InlineData("", "", null)]
    [InlineData(" \t ", " \t ", null)]
    [InlineData(null, null, null)]
    public void Get_gives_the_value_as_sent_and_GetNonBlank_a_trimmed_value_or_nothing(string? sent, string? got, string? nonBlank)
    {
        var parameters = RequestParameters.From(sent is null ? [] : Source(("name", sent)));
        Assert.Equal(got, parameters.Get("name"));
        Assert.Equal(nonBlank, parameters.GetNonBlank("name"));
        Assert.Null(parameters.Get("NAME"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_parameter_missing_or_blank_is_a_bad_request_naming_it(string? sent)
    {
        var parameters = RequestParameters.From(sent is null ? [] : Source(("tableName", sent)));
        var error = Assert.Throws<CrmException>(() => parameters.Require("tableName"));
        Assert.Equal(ErrorCode.BadRequest, error.Code);
        Assert.Equal("The parameter 'tableName' is required.", error.Details);
        Assert.Equal("CLIENTS", RequestParameters.From(Source(("tableName", " CLIENTS "))).Require("tableName"));
    }

    private static KeyValuePair<string, StringValues>[] Source(params (string Name, string Value)[] values) =>
        values.Select(v => new KeyValuePair<string, StringValues>(v.Name, v.Value)).ToArray();
}
