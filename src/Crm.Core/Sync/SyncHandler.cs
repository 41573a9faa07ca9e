using System.Globalization;
using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Errors;

namespace Crm.Core.Sync;

/// <summary>
/// <c>sync</c>: queues a synchronization run and answers at once with <c>{"status":"queued"|"running","runId"}</c>;
/// while a run is queued or running it answers that run. <c>confirmDeactivation=&lt;n&gt;</c> (admin only) releases
/// the deactivations a held run reported, for this one run, if it finds exactly that many again.
/// </summary>
public sealed class SyncHandler(SyncRequests requests)
{
    public const string ConfirmParameter = "confirmDeactivation";

    public static string RequiredRight(CommandContext context) =>
        context.Parameters.GetNonBlank(ConfirmParameter) is null ? CrmRights.SyncRun : CrmRights.Admin;

    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var confirm = Confirmation(context);
        var (run, queued) = await requests.RequestAsync(SyncTriggers.Command, confirm, context.Cancellation);
        var properties = new List<(string Name, object Value)> { ("status", run.Status), ("runId", run.RunId) };
        if (!queued)
        {
            properties.Add(("details", confirm is null
                ? "A synchronization is already queued or running; this is that run."
                : "A synchronization is already queued or running, so the confirmation was not applied: confirm again once it has ended."));
        }
        return new PropertiesResult([.. properties]);
    }

    private static int? Confirmation(CommandContext context)
    {
        if (context.Parameters.GetNonBlank(ConfirmParameter) is not { } text)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw CrmException.BadRequest($"{ConfirmParameter} must be the number of deactivations the held run reported (a whole number ≥ 0).");
    }
}
