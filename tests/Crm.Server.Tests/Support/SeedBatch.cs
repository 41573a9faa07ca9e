using Azure.Data.Tables;
using Crm.Storage.Tables;

namespace Crm.Server.Tests.Support;

/// <summary>Submits one seeding transaction of inserts.</summary>
public static class SeedBatch
{
    /// <summary>
    /// A seeding batch inserts rows no one else writes, so <c>EntityAlreadyExists</c> can only mean the SDK resent a
    /// batch whose first send committed and whose answer was lost (seen under load): the batch is in, all of it, since a
    /// transaction is atomic. Inserts, not upserts: Azurite's upsert is far slower on a large partition.
    /// </summary>
    public static async Task SubmitAsync(TableClient client, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException failure) when (failure.IsAlreadyExists())
        {
        }
    }
}
