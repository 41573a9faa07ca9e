using System.Globalization;
using Crm.Core.Commands;
using Crm.Core.Entries.Versions;
using Crm.Core.Errors;
using Crm.Core.Values;
using Crm.Storage.Keys;

namespace Crm.Core.Entries;

/// <summary><c>addcompany</c>, <c>addcontact</c>: a new entry from field parameters (or the name parameter as its title).</summary>
public sealed class AddEntryHandler(EntryCommandServices services) : IEntryWriteHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        if (context.Parameters.GetNonBlank("tableName") is { } tableName && !string.Equals(tableName, names.Table, StringComparison.OrdinalIgnoreCase))
        {
            throw CrmException.BadRequest($"{context.Command} adds to {names.Table}; tableName '{tableName}' does not fit. Use updateOrCreateEntity for other tables.");
        }
        EntryPrecondition.RefuseForCreate(context.Parameters);
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        var inputs = FieldParameterReader.Read(table, context.Parameters).ToList();
        if (context.Parameters.GetNonBlank(names.NameParameter) is { } title)
        {
            var explicitTitle = inputs.FirstOrDefault(i => i.Field.IsTitle);
            if (explicitTitle is null)
            {
                inputs.Add(new FieldInput(table.Title, title, names.NameParameter));
            }
            else if (ValueNormalizer.Normalize(explicitTitle.Value) != ValueNormalizer.Normalize(title))
            {
                throw CrmException.BadRequest($"'{names.NameParameter}' and '{explicitTitle.ParameterName}' give two different names.");
            }
        }
        var created = await services.Writer.CreateEntryAsync(table, inputs, context.User, context.Cancellation);
        return new PropertiesResult(("id", created.Id.ToString(CultureInfo.InvariantCulture))) { ETag = EntryVersions.Tag(table.Name, created.Id, created.Version) };
    }
}
