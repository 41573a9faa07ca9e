using Azure;
using Azure.Data.Tables;
using Crm.Storage.Tables;
using Crm.TestSupport;

namespace Crm.Storage.Tests.Tables;

/// <summary>
/// The exceptions the real Azure SDK throws when storage cannot be reached, captured from real faults (a closed
/// port, a reset, a connection closed before the answer, an answer that never comes, a name DNS cannot resolve),
/// must each count as an outage; a real answer or the caller's own cancellation must not.
/// </summary>
public sealed class StorageOutageTests
{
    public enum Way { ClosedPort, Reset, EndEarly, Timeout, UnknownHost }

    public static TheoryData<Way, bool> Faults()
    {
        var data = new TheoryData<Way, bool>();
        foreach (var way in Enum.GetValues<Way>())
        {
            data.Add(way, false);
            data.Add(way, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Every_way_the_sdk_reports_unreachable_storage_is_an_outage(Way way, bool inTransaction)
    {
        await using var proxy = new TcpFaultProxy(upstreamPort: null, way switch
        {
            Way.Reset => NetworkFault.Reset,
            Way.EndEarly => NetworkFault.EndEarly,
            _ => NetworkFault.BlackHole,
        });
        var connection = way switch
        {
            Way.ClosedPort => Azurite.ConnectionStringFor(Azurite.FreePort()),
            Way.UnknownHost => Azurite.ConnectionStringFor(proxy.Port).Replace("127.0.0.1", "crm-storage.invalid", StringComparison.Ordinal),
            _ => Azurite.ConnectionStringFor(proxy.Port),
        };

        var failure = await CaptureAsync(ImpatientClient(connection), inTransaction, CancellationToken.None);

        Assert.True(StorageOutage.IsOutage(failure), $"{way}: {failure.GetType().Name}: {failure.Message}");
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_an_outage()
    {
        await using var proxy = new TcpFaultProxy(upstreamPort: null, NetworkFault.BlackHole);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var failure = await CaptureAsync(ImpatientClient(Azurite.ConnectionStringFor(proxy.Port), TimeSpan.FromSeconds(30)), false, cancel.Token);

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
        Assert.False(StorageOutage.IsOutage(failure, cancel.Token));
    }

    [Fact]
    public async Task A_real_answer_from_storage_is_not_an_outage()
    {
        var table = new TableClient(Azurite.ConnectionString, "Missing" + Guid.NewGuid().ToString("N")[..8]);

        var notFound = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(404, notFound.Status);
        Assert.False(StorageOutage.IsOutage(notFound));
    }

    [Fact]
    public void An_aggregate_is_an_outage_only_when_every_attempt_was_one()
    {
        var dropped = new RequestFailedException(0, "dropped", new HttpRequestException("The response ended prematurely."));
        var conflict = new RequestFailedException(409, "conflict");

        Assert.True(StorageOutage.IsOutage(new AggregateException(dropped, new RequestFailedException(503, "busy"))));
        Assert.False(StorageOutage.IsOutage(new AggregateException(dropped, conflict)));
        Assert.False(StorageOutage.IsOutage(new AggregateException()));
        Assert.False(StorageOutage.IsOutage(new InvalidOperationException("a bug")));
    }

    /// <summary>A client with the SDK's real retry and timeout machinery, set short so a fault surfaces quickly.</summary>
    private static TableClient ImpatientClient(string connection, TimeSpan? networkTimeout = null)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromMilliseconds(300);
        return new TableServiceClient(connection, options).GetTableClient("Outage");
    }

    private static async Task<Exception> CaptureAsync(TableClient table, bool inTransaction, CancellationToken cancellation)
    {
        try
        {
            if (inTransaction)
            {
                await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))], cancellation);
            }
            else
            {
                await table.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: cancellation);
            }
        }
        catch (Exception failure)
        {
            return failure;
        }
        throw new InvalidOperationException("The call was expected to fail.");
    }
}
