using System.Net.Sockets;
using Azure;

namespace Crm.Storage.Tables;

/// <summary>
/// Tells a storage outage (the service could not be reached or did not answer in time) from every other failure.
/// The Azure SDK reports one in many shapes: after its retries an <see cref="AggregateException"/> of the attempts'
/// failures; a <see cref="RequestFailedException"/> with status 0 wrapping the transport's error; a 5xx or 408
/// status; a <see cref="TaskCanceledException"/> when its network timeout expired; or the bare transport error
/// (<see cref="HttpRequestException"/>, <see cref="IOException"/> such as <see cref="HttpIOException"/>,
/// <see cref="SocketException"/>, DNS included).
/// </summary>
public static class StorageOutage
{
    /// <param name="failure">What the storage call threw.</param>
    /// <param name="callerCancellation">The caller's own token: a cancellation the caller asked for is never an outage.</param>
    public static bool IsOutage(Exception failure, CancellationToken callerCancellation = default)
    {
        if (callerCancellation.IsCancellationRequested)
        {
            return false;
        }
        return failure switch
        {
            // Every attempt failed: an outage only if each attempt did (a 409 among them is a real answer).
            AggregateException aggregate => aggregate.Flatten().InnerExceptions is { Count: > 0 } attempts
                && attempts.All(attempt => IsOutage(attempt, callerCancellation)),
            RequestFailedException { Status: 0 } => true,
            RequestFailedException { Status: var status } => IsUnavailableStatus(status),
            // The SDK's network timeout surfaces as a cancellation the caller never asked for.
            OperationCanceledException or TimeoutException => true,
            HttpRequestException or IOException or SocketException => true,
            _ => false,
        };
    }

    /// <summary>Statuses by which the service (or a gateway before it) says it cannot serve the call now.</summary>
    public static bool IsUnavailableStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;
}
