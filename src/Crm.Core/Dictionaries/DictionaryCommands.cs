using Crm.Core.Access;
using Crm.Core.Commands;

namespace Crm.Core.Dictionaries;

/// <summary>The dictionary commands. Name, right, description (<see cref="DictionaryCommandDocs"/>), handler.</summary>
public static class DictionaryCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<AddDictionaryValueHandler>("adddictionaryvalue", CrmRights.DictionariesAdd, DictionaryCommandDocs.Add, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RemoveDictionaryValueHandler>("removedictionaryvalue", CrmRights.DictionariesRemove, DictionaryCommandDocs.Remove, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GetDictionaryHandler>("getdictionary", CrmRights.View, DictionaryCommandDocs.Get, (h, c) => h.ExecuteAsync(c)),
    ];
}
