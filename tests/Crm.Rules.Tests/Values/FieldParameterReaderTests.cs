using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Crm.Core.Values;

namespace Crm.Rules.Tests.Values;

/// <summary>Which field each parameter of a call addresses (docs/api.md#naming-fields), on the default companies table.</summary>
public sealed class FieldParameterReaderTests
{
    [Theory]
    // parameters as name=value, separated by '&' (no escaping needed here) → field code=value|parameter, separated by ' '
    [InlineData("clients-org_name=Acme", "org_name=Acme|clients-org_name")]
    [InlineData("CLIENTS-ORG_WWW=a.example", "org_www=a.example|CLIENTS-ORG_WWW")]
    [InlineData("crm_param_1=org_www&crm_param_1_value=a.example", "org_www=a.example|crm_param_1")]
    [InlineData("crm_param_1=Website&crm_param_1_value=a.example", "org_www=a.example|crm_param_1")]
    [InlineData("crm_param_1=  main   CONTACT &crm_param_1_value=7", "org_contact=7|crm_param_1")]
    [InlineData("view-clients-org_type=Lead", "org_type=Lead|view-clients-org_type")]
    [InlineData("view-clients-org_type=Lead&clients-org_type=Partner", "org_type=Partner|clients-org_type")]
    [InlineData("clients-org_name=Acme&crm_param_1=org_name&crm_param_1_value=Acme", "org_name=Acme|clients-org_name")]
    [InlineData("command=addcompany&apiKey=k&userName=u&companyName=Acme", "")]
    [InlineData("clients-org_sla=Gold&clients-org_name=Acme", "org_sla=Gold|clients-org_sla org_name=Acme|clients-org_name")]
    [InlineData("crm_param_2=org_sla&crm_param_2_value=&clients-org_name=Acme", "org_sla=|crm_param_2 org_name=Acme|clients-org_name")]
    public void Each_parameter_style_addresses_a_field(string query, string expected)
    {
        var inputs = FieldParameterReader.Read(Fields.Companies, Parameters(query));
        Assert.Equal(expected, string.Join(' ', inputs.Select(i => $"{i.Field.Code}={i.Value}|{i.ParameterName}")));
    }

    [Theory]
    [InlineData("crm_param_1=org_www", "'crm_param_1' names a field but 'crm_param_1_value' is missing.")]
    [InlineData("crm_param_3_value=x", "'crm_param_3_value' has no 'crm_param_3' naming its field.")]
    [InlineData("clients-org_name=A&crm_param_1=org_name&crm_param_1_value=B", "The field 'org_name' is given several different values (clients-org_name, crm_param_1).")]
    [InlineData("clients-org_nme=A", "CLIENTS has no field 'org_nme' (clients-org_nme). Did you mean: org_name?")]
    [InlineData("view-clients-org_typ=A", "CLIENTS has no field 'org_typ' (view-clients-org_typ). Did you mean: org_type?")]
    [InlineData("crm_param_1=Webseite&crm_param_1_value=x", "CLIENTS has no field 'Webseite' (crm_param_1). Did you mean: Website?")]
    public void A_parameter_that_addresses_no_field_or_contradicts_another_is_a_bad_request(string query, string details)
    {
        var error = Assert.Throws<CrmException>(() => FieldParameterReader.Read(Fields.Companies, Parameters(query)));
        Assert.Equal(ErrorCode.BadRequest, error.Code);
        Assert.Equal(details, error.Details);
    }

    internal static RequestParameters Parameters(string query) =>
        RequestParameters.From(query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts.Length > 1 ? parts[1] : "")));
}
