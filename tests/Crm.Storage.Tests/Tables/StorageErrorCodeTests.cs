using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Crm.Storage.Tables;

namespace Crm.Storage.Tests.Tables;

/// <summary>
/// The stores tell a lost race from other failures by the service's error code (<see cref="StorageErrors"/>);
/// these tests provoke each failure on Azurite and check that it sends the code Azure documents.
/// </summary>
public sealed class StorageErrorCodeTests(StorageTables storage) : IClassFixture<StorageTables>
{
    private TableClient Table => storage.Tables.Entities;

    [Fact]
    public async Task Adding_a_row_twice_fails_with_EntityAlreadyExists()
    {
        var row = NewRow();
        await Table.AddEntityAsync(row);
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Table.AddEntityAsync(row));
        AssertCode(TableErrorCode.EntityAlreadyExists, failure);
        Assert.True(failure.IsAlreadyExists());
        Assert.False(failure.IsConditionNotMet() || failure.IsNotFound());
    }

    [Fact]
    public async Task Replacing_with_a_stale_etag_fails_with_UpdateConditionNotSatisfied()
    {
        var row = NewRow();
        var stale = (await Table.AddEntityAsync(row)).Headers.ETag!.Value;
        await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Table.UpdateEntityAsync(row, stale, TableUpdateMode.Replace));
        AssertCode(TableErrorCode.UpdateConditionNotSatisfied, failure);
        Assert.True(failure.IsConditionNotMet());
        Assert.False(failure.IsAlreadyExists() || failure.IsNotFound());
    }

    [Fact]
    public async Task Replacing_a_missing_row_fails_with_ResourceNotFound()
    {
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Table.UpdateEntityAsync(NewRow(), ETag.All, TableUpdateMode.Replace));
        AssertCode(TableErrorCode.ResourceNotFound, failure);
        Assert.True(failure.IsNotFound());
    }

    [Fact]
    public async Task Deleting_a_missing_row_answers_ResourceNotFound_in_the_response_header()
    {
        var row = NewRow();
        Assert.True((await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All)).IsNotFound());
        await Table.AddEntityAsync(row);
        Assert.False((await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All)).IsNotFound());
    }

    [Fact]
    public async Task A_transaction_adding_an_existing_row_fails_with_EntityAlreadyExists_at_that_action()
    {
        var existing = NewRow();
        await Table.AddEntityAsync(existing);
        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity(existing.PartitionKey, "fresh")),
            new(TableTransactionActionType.Add, existing),
        ]));
        AssertCode(TableErrorCode.EntityAlreadyExists, failure);
        Assert.Equal(1, failure.FailedTransactionActionIndex);
    }

    [Fact]
    public async Task A_transaction_replacing_with_a_stale_etag_fails_with_UpdateConditionNotSatisfied()
    {
        var row = NewRow();
        var stale = (await Table.AddEntityAsync(row)).Headers.ETag!.Value;
        await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateReplace, row, stale)]));
        AssertCode(TableErrorCode.UpdateConditionNotSatisfied, failure);
    }

    [Fact]
    public async Task A_transaction_deleting_a_missing_row_fails_with_ResourceNotFound()
    {
        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Delete, NewRow(), ETag.All)]));
        AssertCode(TableErrorCode.ResourceNotFound, failure);
    }

    private static TableEntity NewRow() => new(StorageTables.NewPartition("errors"), Guid.NewGuid().ToString("N")) { ["V"] = "x" };

    private static void AssertCode(TableErrorCode expected, RequestFailedException failure) =>
        Assert.True(failure.ErrorCode == expected.ToString(), $"expected {expected}, got {failure.ErrorCode} ({failure.Status})");
}
