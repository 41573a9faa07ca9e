using Crm.Core.Sync;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions;

/// <summary>
/// Carries out a requested synchronization run from the run queue <c>crm-sync</c> (same storage account). The host
/// resolves a <c>%setting%</c> queue name before configuration binding and a <c>:</c> in it only on Windows, so the
/// trigger names the queue itself; <c>Crm:Sync:QueueName</c> must stay <c>crm-sync</c> in Azure (Bicep sets it).
/// The connection is identity-based: app setting <c>CrmSyncQueue__queueServiceUri</c> (with <c>__credential</c> and
/// <c>__clientId</c> for the user-assigned identity); locally <c>CrmSyncQueue</c> holds a connection string.
/// A run deferred because another instance holds the lease throws, so the host shows the message again later.
/// </summary>
public sealed class SyncQueueFunction(SyncRunner runner)
{
    public const string QueueName = SyncOptions.DefaultQueueName;
    public const string Connection = "CrmSyncQueue";

    [Function("SyncRun")]
    public async Task Run([QueueTrigger(QueueName, Connection = Connection)] string message, CancellationToken cancellationToken)
    {
        if (await runner.ProcessAsync(message, cancellationToken) == SyncRunOutcome.Deferred)
        {
            throw new SyncRunDeferredException();
        }
    }
}

/// <summary>Another run holds the lease; failing the invocation makes the host retry the message after its visibility timeout.</summary>
public sealed class SyncRunDeferredException() : Exception("Another synchronization run holds the lease; this one is retried later.");
