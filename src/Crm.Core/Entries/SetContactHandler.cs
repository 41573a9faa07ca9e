using System.Globalization;
using Crm.Core.Commands;
using Crm.Core.Entries.Versions;
using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary><c>setcontact</c>: links a contact to a company (by ids or names), replacing its previous company.</summary>
public sealed class SetContactHandler(EntryCommandServices services) : IEntryWriteHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var contacts = await services.Schema.GetTableAsync(DefaultSchema.Contacts, context.Cancellation);
        var companies = await services.Schema.GetTableAsync(DefaultSchema.Companies, context.Cancellation);
        var link = contacts.Fields.FirstOrDefault(f => f.Type == FieldType.Reference && f.TargetTable == companies.Name)
            ?? throw CrmException.NotFound($"{contacts.Name} has no field that references {companies.Name}.");
        var contact = await services.LocateAsync(contacts, context.Parameters, EntryCommandNames.Contacts, context.Cancellation);
        var company = await services.LocateAsync(companies, context.Parameters, EntryCommandNames.Companies, context.Cancellation);
        var companyId = company.Id.ToString(CultureInfo.InvariantCulture);
        var written = await services.Writer.ReplaceAsync(contacts, contact.Id, values => values[link.Property] = companyId, context.Cancellation,
            precondition: EntryPrecondition.Of(context.Parameters, contacts));
        return new PropertiesResult(("id", contact.Id.ToString(CultureInfo.InvariantCulture)), ("companyId", companyId))
        {
            ETag = EntryVersions.Tag(contacts.Name, written),
        };
    }
}
