using Crm.Core.Access;
using Crm.Core.Commands;

namespace Crm.Core.Schema;

/// <summary>The schema commands: reading tables and fields, and changing them (admins only). Name, right, handler.</summary>
public static class SchemaCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<GetTablesHandler>("gettables", CrmRights.View, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<GetFieldsHandler>("getfields", CrmRights.View, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<AddTableHandler>("addtable", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<AddFieldHandler>("addfield", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<EditFieldHandler>("editfield", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<RemoveFieldHandler>("removefield", CrmRights.Admin, (h, c) => h.ExecuteAsync(c)),
    ];
}
