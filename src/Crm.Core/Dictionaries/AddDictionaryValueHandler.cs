using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Dictionaries;
using Crm.Storage.Keys;

namespace Crm.Core.Dictionaries;

/// <summary><c>adddictionaryvalue</c>: appends a value; a dictionary that does not exist yet is created (closed).</summary>
public sealed class AddDictionaryValueHandler(DictionaryCatalog catalog)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var name = ValueNormalizer.Tidy(context.Parameters.Require("dictionaryName"));
        var value = ValueNormalizer.Tidy(context.Parameters.Require("newvalue"));
        var outcome = await catalog.AddValueAsync(name, value, createIfMissing: true, context.Cancellation);
        return outcome == DictionaryChange.Duplicate
            ? throw new CrmException(ErrorCode.Duplicate, $"'{value}' is already a value of the dictionary '{name}'.")
            : new PropertiesResult();
    }
}
