using Crm.Core.Commands;
using Crm.Core.Errors;

namespace Crm.Core.Dictionaries;

/// <summary><c>getdictionary</c>: the values in insertion order.</summary>
public sealed class GetDictionaryHandler(DictionaryCatalog catalog) : IReadOnlyHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var name = context.Parameters.Require("dictionaryName");
        var dictionary = await catalog.GetCurrentAsync(name, context.Cancellation)
            ?? throw CrmException.NotFound($"There is no dictionary '{name}'.");
        return new PropertiesResult(("values", dictionary.Values));
    }
}
