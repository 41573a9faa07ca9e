using Azure;
using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Crm.Storage.Configuration;

namespace Crm.Storage.SyncRuns;

/// <summary>
/// The Azure Storage queue that carries requested synchronization runs to whichever instance picks them up
/// (the Functions queue trigger in Azure, Crm.Server's consumer locally). Messages are Base64, the encoding the
/// Functions queue trigger expects by default.
/// </summary>
public sealed class RunQueueClient
{
    private readonly QueueClient? _client;
    private volatile bool _created;

    public RunQueueClient(TableStorageOptions options, string queueName)
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        var connection = options.ConnectionString;
        // A connection string with explicit endpoints but none for queues (an emulator's) must not fall back to
        // <account>.queue.core.windows.net.
        if (!string.IsNullOrWhiteSpace(connection)
            && (!connection.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase) || connection.Contains("QueueEndpoint=", StringComparison.OrdinalIgnoreCase)))
        {
            _client = new QueueClient(connection, queueName, clientOptions);
        }
        else if (string.IsNullOrWhiteSpace(connection) && !string.IsNullOrWhiteSpace(options.QueueEndpoint))
        {
            _client = new QueueClient(new Uri(new Uri(options.QueueEndpoint.TrimEnd('/') + "/"), queueName), new DefaultAzureCredential(), clientOptions);
        }
    }

    /// <summary>False when the storage settings name no queue service (the synchronization cannot be queued).</summary>
    public bool IsConfigured => _client is not null;

    public static string WhereConfigured =>
        $"{TableStorageOptions.SectionName}:QueueEndpoint (Azure) or a QueueEndpoint in {TableStorageOptions.SectionName}:ConnectionString (Azurite)";

    private QueueClient Queue => _client ?? throw new InvalidOperationException($"No queue service is configured: set {WhereConfigured}.");

    public async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await Queue.SendMessageAsync(message, cancellationToken);
    }

    /// <summary>The next visible message, hidden from other consumers for <paramref name="visibility"/>; null when the queue is empty.</summary>
    public async Task<RunQueueMessage?> ReceiveAsync(TimeSpan visibility, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        QueueMessage[] messages = await Queue.ReceiveMessagesAsync(1, visibility, cancellationToken);
        return messages.Length == 0 ? null : new RunQueueMessage(messages[0].MessageId, messages[0].PopReceipt, messages[0].Body.ToString(), (int)messages[0].DequeueCount);
    }

    /// <summary>Keeps a message hidden for <paramref name="visibility"/> more; the answer carries the new pop receipt.</summary>
    public async Task<RunQueueMessage> HideAsync(RunQueueMessage message, TimeSpan visibility, CancellationToken cancellationToken)
    {
        UpdateReceipt receipt = await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
        return message with { PopReceipt = receipt.PopReceipt };
    }

    public async Task DeleteAsync(RunQueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.ErrorCode == QueueErrorCode.MessageNotFound.ToString())
        {
            // Its visibility lapsed and another consumer took it: that one finds the run finished and deletes it.
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
    }
}

/// <summary>A received message: its text and what is needed to hide it longer or delete it.</summary>
public sealed record RunQueueMessage(string MessageId, string PopReceipt, string Body, int DequeueCount);
