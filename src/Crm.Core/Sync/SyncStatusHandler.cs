using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Core.Startup;
using Crm.Storage.SyncRuns;

namespace Crm.Core.Sync;

/// <summary>
/// <c>syncstatus</c>: the current or last synchronization run (or the one named by <c>runId</c>): status
/// (<c>queued</c>, <c>running</c>, <c>completed</c>, <c>held</c>, <c>failed</c>), times, counts and a short summary.
/// Before any run it answers <c>status</c> <c>none</c>.
/// </summary>
public sealed class SyncStatusHandler(CrmStartup startup, SyncRunStore runs)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        await startup.EnsureReadyAsync(context.Cancellation);
        SyncRunRecord? run;
        if (context.Parameters.GetNonBlank("runId") is { } runId)
        {
            run = await runs.GetAsync(runId, context.Cancellation) ?? throw CrmException.NotFound($"No synchronization run '{runId}'.");
        }
        else
        {
            run = await runs.GetLatestAsync(context.Cancellation);
        }
        return run is null
            ? new PropertiesResult(("status", "none"), ("details", "No synchronization has been requested yet."))
            : new PropertiesResult([.. SyncRunAnswer.Of(run)]);
    }
}
