using Crm.Core.Access;
using Crm.Core.Commands;

namespace Crm.Core.Dictionaries;

/// <summary>The dictionary commands. Name, right, handler.</summary>
public static class DictionaryCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<AddDictionaryValueHandler>("adddictionaryvalue", CrmRights.DictionariesAdd, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RemoveDictionaryValueHandler>("removedictionaryvalue", CrmRights.DictionariesRemove, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GetDictionaryHandler>("getdictionary", CrmRights.View, (h, c) => h.ExecuteAsync(c)),
    ];
}
