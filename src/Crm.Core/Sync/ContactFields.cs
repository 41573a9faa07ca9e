using Crm.Core.Errors;
using Crm.Storage.Schema;

namespace Crm.Core.Sync;

/// <summary>The CONTACTS fields the synchronization writes (login, name, e-mail, active); refused when the table lacks one.</summary>
internal sealed record ContactFields(FieldDefinition Login, FieldDefinition Name, FieldDefinition Email, FieldDefinition Active)
{
    public IEnumerable<FieldDefinition> Synchronized => [Login, Name, Email, Active];

    public static ContactFields Of(TableDefinition contacts) => new(
        Require(contacts, "contact_login"), contacts.Title, Require(contacts, "contact_email"), Require(contacts, "contact_active"));

    private static FieldDefinition Require(TableDefinition contacts, string code) =>
        contacts.FindByCode(code) ?? throw CrmException.BadRequest($"{contacts.Name} has no field {code}; the synchronization needs it.");
}
