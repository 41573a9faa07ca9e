using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Dictionaries;

namespace Crm.Core.Dictionaries;

/// <summary><c>removedictionaryvalue</c>: removes a value; entries that use it keep it as plain text until edited.</summary>
public sealed class RemoveDictionaryValueHandler(DictionaryCatalog catalog)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var name = context.Parameters.Require("dictionaryName");
        var value = context.Parameters.Require("valuetoremove");
        var outcome = await catalog.RemoveValueAsync(name, value, context.Cancellation);
        return outcome switch
        {
            DictionaryChange.DictionaryNotFound => throw CrmException.NotFound($"There is no dictionary '{name}'."),
            DictionaryChange.ValueNotFound => throw CrmException.NotFound($"The dictionary '{name}' has no value '{value}'."),
            _ => new PropertiesResult(),
        };
    }
}
