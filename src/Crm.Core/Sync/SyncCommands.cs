using Crm.Core.Access;
using Crm.Core.Commands;

namespace Crm.Core.Sync;

/// <summary>The synchronization commands. Name, right, description (<see cref="SyncCommandDocs"/>), handler.</summary>
public static class SyncCommands
{
    public static IReadOnlyList<CrmCommand> All { get; } =
    [
        CrmCommand.Of<SyncHandler>("sync", SyncHandler.RequiredRight, SyncCommandDocs.Sync, (h, c) => h.ExecuteAsync(c)),
        CrmCommand.Of<SyncStatusHandler>("syncstatus", CrmRights.SyncRun, SyncCommandDocs.Status, (h, c) => h.ExecuteAsync(c)),
    ];
}
