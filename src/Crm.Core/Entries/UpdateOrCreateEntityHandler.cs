using System.Globalization;
using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Values;

namespace Crm.Core.Entries;

/// <summary><c>updateOrCreateEntity</c>: any table; an empty or absent <c>id</c> creates, else the entry is changed.</summary>
public sealed class UpdateOrCreateEntityHandler(EntryCommandServices services) : IEntryWriteHandler
{
    /// <summary>Add or edit of <c>tableName</c>, by whether an <c>id</c> is given.</summary>
    public static string RequiredRight(CommandContext context)
    {
        var table = context.Parameters.GetNonBlank("tableName") ?? "";
        return context.Parameters.GetNonBlank("id") is null ? CrmRights.Add(table) : CrmRights.Edit(table);
    }

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var table = await services.Schema.GetTableAsync(context.Parameters.Require("tableName"), context.Cancellation);
        var inputs = FieldParameterReader.Read(table, context.Parameters);
        if (context.Parameters.GetNonBlank("id") is { } idText)
        {
            var entry = await services.Reader.GetAsync(table, EntryReader.ParseId(idText, "id"), context.Cancellation);
            if (inputs.Count > 0)
            {
                await services.Writer.UpdateAsync(table, entry.Id, inputs, context.User, context.Cancellation);
            }
            return new PropertiesResult(("id", entry.Id.ToString(CultureInfo.InvariantCulture)), ("created", false));
        }
        var id = await services.Writer.CreateAsync(table, inputs, context.User, context.Cancellation);
        return new PropertiesResult(("id", id.ToString(CultureInfo.InvariantCulture)), ("created", true));
    }
}
