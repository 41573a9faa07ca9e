using Crm.Core.Sync;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions;

/// <summary>
/// Carries out a requested synchronization run from the run queue (<c>Crm:Sync:QueueName</c>, same storage account).
/// The connection is identity-based: app setting <c>CrmSyncQueue__queueServiceUri</c> (with <c>__credential</c> and
/// <c>__clientId</c> for the user-assigned identity); locally <c>CrmSyncQueue</c> holds a connection string.
/// A run deferred because another instance holds the lease throws, so the host shows the message again later.
/// </summary>
public sealed class SyncQueueFunction(SyncRunner runner)
{
    public const string QueueSetting = "%Crm:Sync:QueueName%";
    public const string Connection = "CrmSyncQueue";

    [Function("SyncRun")]
    public async Task Run([QueueTrigger(QueueSetting, Connection = Connection)] string message, CancellationToken cancellationToken)
    {
        if (await runner.ProcessAsync(message, cancellationToken) == SyncRunOutcome.Deferred)
        {
            throw new SyncRunDeferredException();
        }
    }
}

/// <summary>Another run holds the lease; failing the invocation makes the host retry the message after its visibility timeout.</summary>
public sealed class SyncRunDeferredException() : Exception("Another synchronization run holds the lease; this one is retried later.");
