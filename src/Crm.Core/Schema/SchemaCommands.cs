using Crm.Core.Access;
using Crm.Core.Commands;

namespace Crm.Core.Schema;

/// <summary>The schema commands: reading tables and fields, and changing them (admins only). Name, right, description (<see cref="SchemaCommandDocs"/>), handler.</summary>
public static class SchemaCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<GetTablesHandler>("gettables", CrmRights.View, SchemaCommandDocs.GetTables, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GetFieldsHandler>("getfields", CrmRights.View, SchemaCommandDocs.GetFields, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<AddTableHandler>("addtable", CrmRights.Admin, SchemaCommandDocs.AddTable, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<AddFieldHandler>("addfield", CrmRights.Admin, SchemaCommandDocs.AddField, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<EditFieldHandler>("editfield", CrmRights.Admin, SchemaCommandDocs.EditField, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RemoveFieldHandler>("removefield", CrmRights.Admin, SchemaCommandDocs.RemoveField, (h, c) => h.ExecuteAsync(c)),
    ];
}
