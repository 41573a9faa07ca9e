using Crm.Core.Access;
using Crm.Core.Dictionaries;
using Crm.Core.Errors;

namespace Crm.Core.Commands.Dictionaries;

/// <summary><c>getdictionary</c>: the values in insertion order.</summary>
public sealed class GetDictionaryCommand(DictionaryCatalog catalog) : ICrmCommand
{
    public string Name => "getdictionary";

    public bool Writes => false;

    public string RequiredRight(CommandContext context) => CrmRights.View;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var name = context.Parameters.Require("dictionaryName");
        var dictionary = await catalog.Store.GetAsync(name, context.Cancellation)
            ?? throw CrmException.NotFound($"There is no dictionary '{name}'.");
        return new PropertiesResult(("values", dictionary.Values));
    }
}
