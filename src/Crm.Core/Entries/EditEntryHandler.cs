using System.Globalization;
using Crm.Core.Commands;
using Crm.Core.Entries.Versions;
using Crm.Core.Errors;
using Crm.Core.Values;

namespace Crm.Core.Entries;

/// <summary>
/// <c>editcompany</c>, <c>editcontact</c>: changes the given fields of the entry named by id or name.
/// With the id given, the name parameter is the new title (a rename).
/// </summary>
public sealed class EditEntryHandler(EntryCommandServices services) : IEntryWriteHandler
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, EntryCommandNames names)
    {
        var table = await services.Schema.GetTableAsync(names.Table, context.Cancellation);
        var id = context.Parameters.GetNonBlank(names.IdParameter);
        var title = context.Parameters.GetNonBlank(names.NameParameter);
        var entry = await services.Reader.LocateAsync(table, id, title, names.IdParameter, names.NameParameter, context.Cancellation);
        var precondition = EntryPrecondition.Of(context.Parameters, table);
        precondition?.Check(entry);
        var inputs = FieldParameterReader.Read(table, context.Parameters).ToList();
        if (id is not null && title is not null)
        {
            var explicitTitle = inputs.FirstOrDefault(i => i.Field.IsTitle);
            if (explicitTitle is not null && explicitTitle.Value.Trim() != title)
            {
                throw CrmException.BadRequest($"'{names.NameParameter}' and '{explicitTitle.ParameterName}' give two different new names.");
            }
            if (explicitTitle is null)
            {
                inputs.Add(new FieldInput(table.Title, title, names.NameParameter));
            }
        }
        if (inputs.Count == 0)
        {
            throw CrmException.BadRequest("Nothing to change: give field parameters (clients-<code>=… or crm_param_N pairs).");
        }
        var written = await services.Writer.UpdateAsync(table, entry.Id, inputs, context.User, context.Cancellation, precondition);
        return new PropertiesResult(("id", entry.Id.ToString(CultureInfo.InvariantCulture))) { ETag = EntryVersions.Tag(table.Name, written) };
    }
}
