using Crm.Core.Commands;
using static Crm.Core.Commands.AnswerProperty;

namespace Crm.Core.Sync;

/// <summary>The descriptions of the synchronization commands (docs/api.md#synchronization), for openapi.json and /docs.</summary>
public static class SyncCommandDocs
{
    public static CommandDoc Sync { get; } = new(
        "Queue an import of the Jira users as contacts; answers at once.",
        CommandAnswer.Of("The run that will do the work.", Text("status", "`queued` or `running`."), Text("runId", "The run's id."),
            Text("details", "Set when an earlier run was already queued or running.")))
    {
        Parameters = [new("confirmDeactivation", "The `pendingDeactivation` count of a held run: releases exactly that many deactivations (needs `admin`).")],
        Right = "`sync.run`; with `confirmDeactivation`, `admin`",
    };

    public static CommandDoc Status { get; } = new(
        "The current or last synchronization run.",
        CommandAnswer.Of("The run (docs/api.md#syncstatus lists every property).", Text("status", "`none`, `queued`, `running`, `completed`, `held` or `failed`."),
            Text("runId", "The run's id."), Text("details", "A short summary.")))
    {
        Parameters = [new("runId", "Another run than the current or last one.")],
    };
}
