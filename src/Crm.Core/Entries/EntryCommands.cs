using Crm.Core.Access;
using Crm.Core.Commands;
using static Crm.Core.Entries.EntryCommandNames;

namespace Crm.Core.Entries;

/// <summary>The entry commands: companies, contacts, any table, search and listing. Name, right, handler.</summary>
public static class EntryCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<ListEntriesHandler>("getcompanies", CrmRights.View, (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<GetEntryHandler>("getcompanybyname", CrmRights.View, (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<AddEntryHandler>("addcompany", CrmRights.Add(Companies.Table), (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<EditEntryHandler>("editcompany", CrmRights.Edit(Companies.Table), (h, c) => h.ExecuteAsync(c, Companies)),
        CrmCommand.Of<DeleteEntryHandler>("deletecompany", CrmRights.Remove(Companies.Table), (h, c) => h.ExecuteAsync(c, Companies)),

        CrmCommand.Of<ListEntriesHandler>("getcontacts", CrmRights.View, (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<GetEntryHandler>("getcontactbyname", CrmRights.View, (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<AddEntryHandler>("addcontact", CrmRights.Add(Contacts.Table), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<EditEntryHandler>("editcontact", CrmRights.Edit(Contacts.Table), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<DeleteEntryHandler>("deletecontact", CrmRights.Remove(Contacts.Table), (h, c) => h.ExecuteAsync(c, Contacts)),
        CrmCommand.Of<SetContactHandler>("setcontact", CrmRights.Edit(Contacts.Table), (h, c) => h.ExecuteAsync(c)),

        CrmCommand.Of<UpdateOrCreateEntityHandler>("updateOrCreateEntity", UpdateOrCreateEntityHandler.RequiredRight, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<SearchEntitiesHandler>("searchEntities", CrmRights.View, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<TransactionsListHandler>("transactionslist", CrmRights.View, (h, c) => h.ExecuteAsync(c)),
    ];
}
