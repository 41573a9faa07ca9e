using Crm.Core.Access;
using Crm.Core.Commands;

namespace Crm.Core.Sync;

/// <summary>The synchronization command. Name, right, handler.</summary>
public static class SyncCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<SyncHandler>("sync", CrmRights.SyncRun, (h, c) => h.ExecuteAsync(c)),
    ];
}
