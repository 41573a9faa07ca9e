using Crm.Core.Access;
using Crm.Core.Commands;
using static Crm.Core.Entries.EntryCommandNames;

namespace Crm.Core.Entries;

/// <summary>The entry commands: companies, contacts, any table, search and listing. Name, right, description (<see cref="EntryCommandDocs"/>), handler.</summary>
public static class EntryCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<ListEntriesHandler>("getcompanies", CrmRights.View, EntryCommandDocs.List("company", "companies"), (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<GetEntryHandler>("getcompanybyname", CrmRights.View, EntryCommandDocs.Get("company", Companies), (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<AddEntryHandler>("addcompany", CrmRights.Add(Companies.Table), EntryCommandDocs.Add("company", Companies), (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<EditEntryHandler>("editcompany", CrmRights.Edit(Companies.Table), EntryCommandDocs.Edit("company", Companies), (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<DeleteEntryHandler>("deletecompany", CrmRights.Remove(Companies.Table), EntryCommandDocs.Delete("company", Companies), (h, c) => h.ExecuteAsync(c, Companies)),

        CrmCommand.Of<ListEntriesHandler>("getcontacts", CrmRights.View, EntryCommandDocs.List("contact", "contacts"), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<GetEntryHandler>("getcontactbyname", CrmRights.View, EntryCommandDocs.Get("contact", Contacts), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<AddEntryHandler>("addcontact", CrmRights.Add(Contacts.Table), EntryCommandDocs.Add("contact", Contacts), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<EditEntryHandler>("editcontact", CrmRights.Edit(Contacts.Table), EntryCommandDocs.Edit("contact", Contacts), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<DeleteEntryHandler>("deletecontact", CrmRights.Remove(Contacts.Table), EntryCommandDocs.Delete("contact", Contacts), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<SetContactHandler>("setcontact", CrmRights.Edit(Contacts.Table), EntryCommandDocs.SetContact, (h, c) => h.ExecuteAsync(c)),

        CrmCommand.Of<UpdateOrCreateEntityHandler>("updateOrCreateEntity", UpdateOrCreateEntityHandler.RequiredRight, EntryCommandDocs.UpdateOrCreateEntity, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<SearchEntitiesHandler>("searchEntities", CrmRights.View, EntryCommandDocs.SearchEntities, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<TransactionsListHandler>("transactionslist", CrmRights.View, EntryCommandDocs.TransactionsList, (h, c) => h.ExecuteAsync(c)),
    ];
}
