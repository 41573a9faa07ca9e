using System.Globalization;
using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Entries.Versions;
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
            var precondition = EntryPrecondition.Of(context.Parameters, table);
            precondition?.Check(entry);
            if (inputs.Count > 0)
            {
                entry = await services.Writer.UpdateAsync(table, entry.Id, inputs, context.User, context.Cancellation, precondition);
            }
            return new PropertiesResult(("id", entry.Id.ToString(CultureInfo.InvariantCulture)), ("created", false)) { ETag = EntryVersions.Tag(table.Name, entry) };
        }
        EntryPrecondition.RefuseForCreate(context.Parameters);
        var created = await services.Writer.CreateEntryAsync(table, inputs, context.User, context.Cancellation);
        return new PropertiesResult(("id", created.Id.ToString(CultureInfo.InvariantCulture)), ("created", true))
        {
            ETag = EntryVersions.Tag(table.Name, created.Id, created.Version),
        };
    }
}
