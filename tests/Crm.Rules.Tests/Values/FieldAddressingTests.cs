using Crm.Core.Errors;
using Crm.Core.Values;
using Crm.Storage.Schema;

namespace Crm.Rules.Tests.Values;

/// <summary>How a field is named by its code or its label (<c>crm_param_N</c>, search pairs).</summary>
public sealed class FieldAddressingTests
{
    private static readonly TableDefinition Contacts = new("CONTACTS", "contacts",
    [
        new("CONTACTS", "contact_name", "Name", FieldType.Text, "f1", 1, IsTitle: true),
        new("CONTACTS", "contact_phone", "Phone", FieldType.Text, "f2", 2),
        new("CONTACTS", "contact_mobile", "phone", FieldType.Text, "f3", 3),
        new("CONTACTS", "contact_mail", "E-mail", FieldType.Email, "f4", 4),
    ]);

    [Theory]
    [InlineData("contact_name", "contact_name")]
    [InlineData(" CONTACT_NAME ", "contact_name")]
    [InlineData("Name", "contact_name")]
    [InlineData("  e-MAIL ", "contact_mail")]
    [InlineData("contact_phone", "contact_phone")]
    public void A_code_wins_then_a_label_in_any_case_and_spacing(string codeOrName, string code) =>
        Assert.Equal(code, FieldParameterReader.ByCodeOrName(Contacts, codeOrName, "crm_param_1").Code);

    [Theory]
    [InlineData("Phone", "'Phone' (crm_param_1) matches several fields of CONTACTS: contact_phone, contact_mobile. Use the code.")]
    [InlineData("Mail", "CONTACTS has no field 'Mail' (crm_param_1). Did you mean: E-mail, contact_mail?")]
    [InlineData("zzzzzz", "CONTACTS has no field 'zzzzzz' (crm_param_1).")]
    public void A_label_two_fields_share_or_no_field_has_is_a_bad_request(string codeOrName, string details)
    {
        var error = Assert.Throws<CrmException>(() => FieldParameterReader.ByCodeOrName(Contacts, codeOrName, "crm_param_1"));
        Assert.Equal(ErrorCode.BadRequest, error.Code);
        Assert.Equal(details, error.Details);
    }
}
